"""The C samples build with -std=c11 -Wall -Wextra -Wpedantic -Werror through pkg-config, against the build tree and
against an installed prefix, and run from where they were built."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from testing_support import C_DIR, ROOT, authlete_env, run

STRICT = "-std=c11 -Wall -Wextra -Wpedantic -Werror"


def make(*arguments: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["make", "-C", str(C_DIR), *arguments], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def linked_library(binary) -> str:
    """Where the dynamic linker finds libauthlete for this binary (no LD_LIBRARY_PATH)."""
    env = {key: value for key, value in os.environ.items() if key != "LD_LIBRARY_PATH"}
    output = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env, timeout=30).stdout
    line = next(line for line in output.splitlines() if "libauthlete" in line)
    return os.path.realpath(line.split("=>")[1].split("(")[0].strip())


@pytest.fixture(scope="module")
def prefix(library_path, tmp_path_factory):
    """An installed prefix laid out as `make install PREFIX=...` does (stripped .so, symlinks, header, .pc from
    authlete.pc.in), made by copying so that the tests never rebuild the library."""
    root = tmp_path_factory.mktemp("prefix")
    lib, include = root / "lib", root / "include"
    (lib / "pkgconfig").mkdir(parents=True)
    include.mkdir()
    real = os.path.realpath(library_path)
    name = os.path.basename(real)  # libauthlete.so.0.2.0
    subprocess.run(["strip", "-o", str(lib / name), real], check=True, timeout=120)
    os.symlink(name, lib / "libauthlete.so.0")
    os.symlink("libauthlete.so.0", lib / "libauthlete.so")
    shutil.copy(ROOT / "include" / "authlete.h", include)
    shutil.copytree(ROOT / "include" / "authlete", include / "authlete")
    template = (ROOT / "authlete.pc.in").read_text()
    for key, value in {"@PREFIX@": str(root), "@LIBDIR@": str(lib), "@INCLUDEDIR@": str(include),
                       "@VERSION@": "0.2.0"}.items():
        template = template.replace(key, value)
    (lib / "pkgconfig" / "authlete.pc").write_text(template)
    return root


def test_build_tree(tmp_path, library_path):
    build = tmp_path / "build"
    result = make(f"BUILD={build}")
    for program in ("ciba-fail", "backchannel-server"):
        assert STRICT in result.stdout and "-Wl,-rpath," in result.stdout
        assert linked_library(build / program) == os.path.realpath(library_path)
    assert run([str(build / "ciba-fail"), "--version"], dict(os.environ)).returncode == 0


def test_installed_prefix(prefix, tmp_path, emulator):
    build = tmp_path / "build-installed"
    result = make(f"PKG_CONFIG_PATH={prefix / 'lib' / 'pkgconfig'}", f"BUILD={build}")
    assert f"-I{prefix}/include" in result.stdout and f"-L{prefix}/lib" in result.stdout
    assert str(ROOT / "build") not in result.stdout  # nothing from the build tree
    for program in ("ciba-fail", "backchannel-server"):
        assert linked_library(build / program) == str(prefix / "lib" / "libauthlete.so.0.2.0")
    service = emulator.new_service()
    env = authlete_env(emulator.base_url, service)
    called = run([str(build / "ciba-fail"), "--service-id", service["id"], "--reason", "ACCESS_DENIED"], env)
    assert called.returncode == 0 and "http_status: 403" in called.stdout


def test_missing_pkg_config_module_is_explained(tmp_path):
    result = subprocess.run(["make", "-C", str(C_DIR), f"PKG_CONFIG_PATH={tmp_path}", f"BUILD={tmp_path / 'b'}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "pkg-config cannot find authlete" in result.stderr


def test_the_readme_shows_the_request_handling_as_it_is():
    """README section 2c shows endpoint.c's request handling verbatim, and it stays within about 60 lines."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### 2c. "):readme.index("### 3. Configuration")]
    shown = section[section.index("```c\n") + 5:section.index("```\n", section.index("```c\n") + 5)]
    source = (C_DIR / "endpoint.c").read_text()
    assert source.endswith(shown) and shown.startswith("/* authlete_last_error()")
    assert len(shown.splitlines()) <= 60
