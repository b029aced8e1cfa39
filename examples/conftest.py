"""Fixtures of the examples' tests (the root conftest.py provides `emulator`, `library_path`, `unused_port`).
Helpers and the facts table live in testing_support.py, importable from every test directory."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from testing_support import C_DIR, Launcher  # noqa: E402


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "valgrind: runs a sample under valgrind (skip with EXAMPLES_SKIP_VALGRIND=1)")
    # libcurl honours proxy variables: keep every call of the tests on the loopback interface.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


@pytest.fixture(scope="session", autouse=True)
def _library_for_ctypes(library_path):
    """authlete_ciba (in this process and in children) loads the library under test, not an installed one."""
    os.environ["AUTHLETE_LIBRARY"] = library_path


@pytest.fixture(scope="session")
def launcher(tmp_path_factory):
    launched = Launcher(tmp_path_factory.mktemp("servers"))
    yield launched
    launched.stop_all()


@pytest.fixture(scope="session")
def c_build(library_path) -> Path:
    """The C samples built against the build tree, exactly as `make -C examples/c` does."""
    result = subprocess.run(["make", "-C", str(C_DIR)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return C_DIR / "build"
