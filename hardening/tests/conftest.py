"""Fixtures of the hardening tests (the root conftest.py provides `emulator`, `library_path`, `unused_port`).

The hosts are built by `make check-hard` (hardening/Makefile) under .build-hard/<variant>/. Every host run here
has its stdout and stderr captured and asserted empty: the hosts print nothing themselves (their failures and
figures go to $HARD_REPORT), so anything on fds 1 and 2 came from the library or a sanitizer.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("HARD_BUILD", ROOT / ".build-hard"))
sys.path.insert(0, str(ROOT / "examples"))

# Every credential the hosts and these tests make contains this marker and nothing else does, so a log line or an
# error text with it in has leaked one (hardening/host/support.c: tok-SECRET-..., sec-SECRET-...).
SECRET_MARKER = "SECRET"

# authlete_status values, from include/authlete.h.
OK, NULL_ARGUMENT, INVALID_ARGUMENT, CONFIG, NETWORK, TIMEOUT, API, PROTOCOL, NO_MEMORY, INTERNAL = range(10)


def pytest_configure(config) -> None:
    # libcurl honours proxy variables: keep every call on the loopback interface.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


def host(variant: str, name: str = "hardhost") -> Path:
    path = BUILD / variant / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make check-hard` (it builds the hosts first)")
    return path


@dataclass
class HostRun:
    returncode: int
    stdout: bytes
    stderr: bytes
    report: str
    seconds: float

    def notes(self, kind: str) -> dict:
        """The figures of a `NOTE kind key=value ...` line of the report."""
        for line in self.report.splitlines():
            parts = line.split()
            if parts[:2] == ["NOTE", kind]:
                return dict(part.split("=", 1) for part in parts[2:] if "=" in part)
        raise AssertionError(f"no NOTE {kind} in the report:\n{self.report}")


def run_host(argv: list, tmp_path: Path, timeout: float, env: dict | None = None, expect_code: int | None = 0) -> HostRun:
    """Runs a host with fds 1 and 2 captured; asserts both empty and (by default) exit status 0."""
    import time

    report = tmp_path / f"report-{len(list(tmp_path.glob('report-*')))}.txt"
    environment = {**os.environ, "HARD_REPORT": str(report), **(env or {})}
    started = time.monotonic()
    process = subprocess.Popen([str(a) for a in argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        raise AssertionError(f"{argv[:2]} did not finish within {timeout} s; report:\n"
                             f"{report.read_text() if report.exists() else ''}")
    result = HostRun(process.returncode, stdout, stderr, report.read_text() if report.exists() else "",
                     time.monotonic() - started)
    failures = "\n".join(line for line in result.report.splitlines() if line.startswith("FAIL"))
    assert stdout == b"", f"the host's stdout is not empty: {stdout[:2000]!r}"
    assert stderr == b"", f"the host's stderr is not empty: {stderr[:4000].decode(errors='replace')}"
    if expect_code is not None:
        assert result.returncode == expect_code, f"exit status {result.returncode}; failures:\n{failures[:6000]}"
    return result


@pytest.fixture(scope="session")
def swift_runtime_env() -> dict:
    """For the sanitizer builds (dynamic Swift runtime): no Swift backtracer in the way of the sanitizers' reports."""
    return {"SWIFT_BACKTRACE": "enable=no"}
