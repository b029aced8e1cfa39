"""The Python wheel (make wheel): its tag and contents, then installed with `pip install --no-index` into a fresh
venv and run with `env -i` from / (no AUTHLETE_LIBRARY, nothing of the repository on sys.path) against the
tarball's emulator, over http and over https with a CA made for the test."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv as venv_module
import zipfile
from pathlib import Path

import pytest

import support

BUNDLED = "authlete_ciba/_lib/libauthlete.so.0"


@pytest.fixture(scope="module")
def wheel() -> Path:
    wheels = sorted(support.WHEEL_DIR.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def python(tmp_path_factory, wheel) -> str:
    """The interpreter of a fresh venv with only the wheel installed (from the file, no index)."""
    where = tmp_path_factory.mktemp("venv") / "venv"
    venv_module.EnvBuilder(with_pip=True).create(where)
    interpreter = str(where / "bin" / "python")
    support.run([interpreter, "-m", "pip", "install", "-q", "--no-index", "--disable-pip-version-check", str(wheel)],
                timeout=300)
    return interpreter


@pytest.fixture(scope="module")
def flow_script(tmp_path_factory) -> str:
    """flow.py copied out of the repository, so that its folder (sys.path[0]) is not the repository's."""
    return str(shutil.copy(support.FLOW_PY, tmp_path_factory.mktemp("script")))


def run_clean(python: str, *arguments: str, **env: str) -> subprocess.CompletedProcess:
    """`env -i [NAME=VALUE...] python -B ARGS` from /."""
    return support.run(["env", "-i", *[f"{name}={value}" for name, value in env.items()], python, "-B", *arguments],
                       check=False)


def newest_glibc(library: bytes, tmp_path: Path) -> int:
    path = tmp_path / "probe.so"
    path.write_bytes(library)
    table = support.run(["objdump", "-T", str(path)]).stdout
    return max(int(minor) for minor in re.findall(r"GLIBC_2\.(\d+)", table))


def test_the_wheel_is_tagged_for_the_glibc_its_library_needs_and_carries_the_tarballs_library(
        wheel, extracted, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        library = archive.read(BUNDLED)
        wheel_file = archive.read(f"authlete_ciba-{support.VERSION}.dist-info/WHEEL").decode()
    tag = f"py3-none-manylinux_2_{newest_glibc(library, tmp_path)}_x86_64"
    assert wheel.name == f"authlete_ciba-{support.VERSION}-{tag}.whl"
    assert f"Tag: {tag}" in wheel_file.splitlines() and "Root-Is-Purelib: false" in wheel_file.splitlines()
    assert library == (extracted / "lib" / f"libauthlete.so.{support.VERSION}").read_bytes()
    for name in ("LICENSE", "THIRD_PARTY_NOTICES.md"):
        assert f"authlete_ciba-{support.VERSION}.dist-info/licenses/{name}" in names
    assert names[-1] == f"authlete_ciba-{support.VERSION}.dist-info/RECORD"
    with zipfile.ZipFile(wheel) as archive:  # registers the pytest plugin once installed
        assert archive.read(f"authlete_ciba-{support.VERSION}.dist-info/entry_points.txt").decode() == (
            "[pytest11]\nauthlete_ciba = authlete_ciba.testing\n\n")
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_installed_wheel_runs_the_whole_flow_over_http_with_its_own_library(python, flow_script,
                                                                                tarball_emulator):
    result = run_clean(python, flow_script, f"http://127.0.0.1:{tarball_emulator.port}")
    assert result.stdout.splitlines()[:-1] == support.FLOW_LINES, result.stdout + result.stderr
    mapped = support.mapped_library(result.stdout)
    assert mapped.endswith("/site-packages/" + BUNDLED) and mapped.startswith(str(Path(python).parent.parent)), mapped


def test_over_https_with_the_test_ca_only_at_a_non_debian_path(python, flow_script, https_emulator, test_ca,
                                                                tmp_path):
    """The CA bundle at Fedora's path (under a folder of the test's), passed as ca_file; the system's store does not
    have the test CA."""
    bundle = tmp_path / "etc" / "pki" / "tls" / "certs" / "ca-bundle.crt"
    bundle.parent.mkdir(parents=True)
    shutil.copy(test_ca["ca"], bundle)
    result = run_clean(python, flow_script, https_emulator, str(bundle))
    assert result.stdout.splitlines()[:-1] == support.FLOW_LINES, result.stdout + result.stderr


def test_over_https_a_server_the_ca_files_do_not_vouch_for_is_refused(python, https_emulator):
    script = ("import authlete_ciba\n"
              "try:\n"
              f"    authlete_ciba.Client(base_url={https_emulator!r}, token='emulator-token').ciba_issue('1000', 't')\n"
              "except authlete_ciba.NetworkError as error:\n"
              "    print('NetworkError', error.status)\n")
    result = run_clean(python, "-c", script)
    assert result.stdout == "NetworkError 4\n", result.stdout + result.stderr  # AUTHLETE_ERR_NETWORK


def test_authlete_library_comes_before_the_bundled_copy(python, flow_script, tarball_emulator, extracted):
    library = str(extracted / "lib" / "libauthlete.so.0")
    result = run_clean(python, flow_script, f"http://127.0.0.1:{tarball_emulator.port}", AUTHLETE_LIBRARY=library)
    assert result.stdout.splitlines()[:-1] == support.FLOW_LINES, result.stdout + result.stderr
    assert support.mapped_library(result.stdout) == str(extracted / "lib" / f"libauthlete.so.{support.VERSION}")


def test_a_library_of_another_version_is_refused(python, tmp_path):
    source = tmp_path / "other.c"
    source.write_text("unsigned int authlete_version_number(void) { return 10203; }\n")
    other = tmp_path / "libother.so"
    support.run(["cc", "-shared", "-fPIC", "-o", str(other), str(source)])
    result = run_clean(python, "-c", "import authlete_ciba; authlete_ciba.version()", AUTHLETE_LIBRARY=str(other))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"OSError: {other} is libauthlete 1.2.3, but this authlete_ciba is {support.VERSION}: install the matching "
        "library, or point AUTHLETE_LIBRARY at it")


def test_the_pytest_fixture_runs_from_a_fresh_venv_with_the_wheel_and_the_tarballs_emulator(wheel, extracted,
                                                                                            tmp_path):
    """No build tree: a venv that sees the system's pytest (and nothing of authlete_ciba outside the wheel), the
    suite copied into a folder of its own, the emulator found on the PATH in the extracted tarball's bin/."""
    assert run_clean(sys.executable, "-c", "import authlete_ciba").returncode == 1
    where = tmp_path / "venv"
    venv_module.EnvBuilder(with_pip=True, system_site_packages=True).create(where)
    python = str(where / "bin" / "python")
    support.run([python, "-m", "pip", "install", "-q", "--no-index", "--disable-pip-version-check", str(wheel)],
                timeout=300)
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(support.HERE / "offline_suite.py", suite / "test_my_server.py")
    emulator = str(extracted / "bin" / "authlete-emulator")
    result = support.run([python, "-B", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_my_server.py"],
                         env={"PATH": f"{extracted / 'bin'}:/usr/bin:/bin", "EXPECTED_EMULATOR": emulator,
                              "EXPECTED_PREFIX": str(where)}, cwd=str(suite), check=False, timeout=300)
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr
