"""The Debian packages (make deb): lintian, the symbols file against the library, the control fields; then the three
packages installed with `apt-get install ./x.deb`, used from the system paths only, and purged leaving no file
behind. The module's fixture purges them whatever happens."""
from __future__ import annotations

import os
import re
import shutil
import sys

import pytest

import debs
import support

LIB = f"{support.SYSTEM_LIBDIR}/libauthlete.so.{support.VERSION}"


def control(deb, field: str) -> str:
    return support.run(["dpkg-deb", "--field", str(deb), field]).stdout.strip()


def exported(library: str) -> set:
    """Every function the library defines in its dynamic table, as NAME@NODE."""
    table = support.run(["objdump", "-T", library]).stdout
    found = set()
    for line in table.splitlines():
        parts = line.split()
        # ADDRESS g DF .text SIZE NODE [.protected] NAME
        if len(parts) >= 7 and parts[1:4] == ["g", "DF", ".text"]:
            found.add(f"{parts[-1]}@{parts[5]}")
    return found


def test_lintian_reports_no_tag_but_the_explained_overrides():
    overrides = sorted((support.ROOT / "packaging" / "debian").glob("*.lintian-overrides"))
    for path in overrides:  # every override says why, in the comment line just above it
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if line and not line.startswith("#"):
                assert number > 0 and lines[number - 1].startswith("# "), (path.name, line)
    result = support.run(["lintian", "--display-info", "--fail-on", "error,warning,info",
                          *map(str, support.DEBS.values())], check=False, timeout=600)
    print(result.stdout)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_the_symbols_file_names_every_exported_function_with_its_version_node(tmp_path):
    deb = support.DEBS["libauthlete0"]
    support.run(["dpkg-deb", "--raw-extract", str(deb), str(tmp_path / "x")])
    lines = (tmp_path / "x" / "DEBIAN" / "symbols").read_text().splitlines()
    assert lines[:2] == ["libauthlete.so.0 libauthlete0 #MINVER#", "* Build-Depends-Package: libauthlete-dev"]
    entries = dict(line.split() for line in lines[2:])
    assert entries["authlete_version@AUTHLETE_0.1"] == "0.1.0"
    assert entries["authlete_client_ciba_fail_fields@AUTHLETE_0.1"] == "0.1.0"
    assert entries["authlete_client_ciba_issue_fields@AUTHLETE_0.2"] == "0.2.0"
    # Every function of a node gets the node's first release.
    assert {symbol.split("@")[1]: version for symbol, version in entries.items()} \
        == {"AUTHLETE_0.1": "0.1.0", "AUTHLETE_0.2": "0.2.0"}
    assert sum(symbol.endswith("@AUTHLETE_0.1") for symbol in entries) == 23  # the 23 functions of 0.1.0
    assert set(entries) == exported(str(tmp_path / "x" / LIB.lstrip("/")))
    # dpkg's own check: the library's symbols against the file, any difference is an error at level 4.
    (tmp_path / "debian").mkdir()
    shutil.copy(support.ROOT / "packaging" / "debian" / "control", tmp_path / "debian" / "control")
    support.run(["dpkg-gensymbols", "-c4", "-plibauthlete0", f"-v{support.VERSION}-1", f"-P{tmp_path / 'x'}",
                 f"-I{tmp_path / 'x' / 'DEBIAN' / 'symbols'}", f"-O{tmp_path / 'out.symbols'}"], cwd=str(tmp_path))


def test_depends_come_from_the_binaries_and_the_dev_package_pins_the_library():
    library_depends = control(support.DEBS["libauthlete0"], "Depends")
    for dependency in ("libc6 (>= 2.35)", "libcjson1", "libcurl4", "libgcc-s1", "libstdc++6"):
        assert dependency in library_depends, library_depends
    assert control(support.DEBS["libauthlete-dev"], "Depends") == f"libauthlete0 (= {support.VERSION}-1)"
    emulator_depends = control(support.DEBS["authlete-emulator"], "Depends")
    assert "libc6" in emulator_depends and "swift" not in emulator_depends.lower(), emulator_depends
    for deb in support.DEBS.values():
        assert control(deb, "Version") == f"{support.VERSION}-1"
        assert control(deb, "Architecture") == "amd64"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The three packages installed by apt from their files; purged at the end whatever happens."""
    debs.purge()  # what an interrupted run may have left
    where = tmp_path_factory.mktemp("debs")
    where.chmod(0o755)  # apt downloads as the _apt user, which must read the files
    copies = []
    for deb in support.DEBS.values():
        copies.append(str(shutil.copy(deb, where)))
    try:
        debs.install(copies)
        yield {package: debs.files(package) for package in debs.PACKAGES}
    finally:
        debs.purge()


def test_apt_installed_the_three_packages_where_debian_puts_them(installed):
    assert f"{support.SYSTEM_LIBDIR}/libauthlete.so.0" in installed["libauthlete0"]
    assert LIB in installed["libauthlete0"]
    assert f"{support.SYSTEM_LIBDIR}/pkgconfig/authlete.pc" in installed["libauthlete-dev"]
    assert "/usr/include/authlete.h" in installed["libauthlete-dev"]
    assert "/usr/bin/authlete-emulator" in installed["authlete-emulator"]
    assert "/usr/share/man/man1/authlete-emulator.1.gz" in installed["authlete-emulator"]
    for package, files in installed.items():
        assert f"/usr/share/doc/{package}/copyright" in files
    assert support.run(["readelf", "-d", LIB]).stdout.count("RUNPATH") == 0


def test_a_c_program_built_with_plain_pkg_config_links_the_system_library_and_runs_the_whole_flow(
        installed, launcher, tmp_path):
    program = support.build_flow(tmp_path / "flow", None)
    ldd = support.run(["ldd", str(program)]).stdout
    match = re.search(r"libauthlete\.so\.0 => (\S+)", ldd)
    assert match and match.group(1) in (f"{support.SYSTEM_LIBDIR}/libauthlete.so.0",
                                        "/lib/x86_64-linux-gnu/libauthlete.so.0"), ldd
    emulator = support.start_emulator(launcher, "/usr/bin/authlete-emulator")
    result = support.run([str(program), f"http://127.0.0.1:{emulator.port}"])
    assert result.stdout.splitlines() == support.FLOW_LINES, result.stderr
    # A package of that program would depend on the first release of the newest node it uses.
    (tmp_path / "debian").mkdir()
    shutil.copy(support.ROOT / "packaging" / "debian" / "control", tmp_path / "debian" / "control")
    shlibs = support.run(["dpkg-shlibdeps", "-O", str(program)], cwd=str(tmp_path)).stdout
    assert f"libauthlete0 (>= {support.VERSION})" in shlibs, shlibs


def test_the_python_package_finds_the_system_library(installed, launcher, tmp_path):
    """authlete_ciba as pure Python (no copy of the library inside), from a folder outside the repository."""
    site = tmp_path / "site"
    shutil.copytree(support.ROOT / "examples" / "python" / "authlete_ciba", site / "authlete_ciba",
                    ignore=shutil.ignore_patterns("__pycache__", "_lib"))
    shutil.copy(support.FLOW_PY, site / "flow.py")
    emulator = support.start_emulator(launcher, "/usr/bin/authlete-emulator")
    result = support.run(["env", "-i", f"PYTHONPATH={site}", sys.executable, "-B", str(site / "flow.py"),
                          f"http://127.0.0.1:{emulator.port}"])
    lines = result.stdout.splitlines()
    assert lines[:-1] == support.FLOW_LINES, result.stderr
    assert support.mapped_library(result.stdout) == LIB


def test_the_emulator_package_tells_its_version(installed):
    assert support.run(["/usr/bin/authlete-emulator", "--version"]).stdout == f"{support.VERSION}\n"
    assert support.run(["man", "-P", "cat", "authlete-emulator"], env={"MANWIDTH": "100"}).stdout.count(
        "authlete-emulator") >= 2


def test_apt_get_purge_leaves_no_file_behind(installed):
    debs.purge()
    assert debs.installed() == []
    for package, files in installed.items():
        # Folders other packages share (/usr/lib/x86_64-linux-gnu, ...) stay; every file and link, and every
        # folder of the project's own, goes.
        left = [path for path in files if (os.path.isdir(path) and not os.path.islink(path) and "authlete" in path)
                or (os.path.lexists(path) and not os.path.isdir(path))]
        assert left == [], (package, left)
