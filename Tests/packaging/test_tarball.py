"""The release tarball (make dist): its exact contents, reproducible bytes, and the library and emulator used from a
temporary folder it was extracted to, with nothing of the build tree."""
from __future__ import annotations

import os
import subprocess
import tarfile

import support

# Every entry, sorted as the tarball stores them (the headers of include/authlete/ are checked against the tree).
TOP = [f"{support.DIST_NAME}/{name}" for name in (
    "", "LICENSE", "SHA256SUMS", "THIRD_PARTY_NOTICES.md", "bin/", "bin/authlete-emulator", "include/",
    "include/authlete.h", "include/authlete/", "lib/", "lib/libauthlete.so", "lib/libauthlete.so.0",
    f"lib/libauthlete.so.{support.VERSION}", "lib/pkgconfig/", "lib/pkgconfig/authlete.pc")]


def source_date_epoch() -> int:
    return int(subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True,
                              cwd=support.ROOT).stdout)


def test_the_tarball_holds_exactly_the_library_headers_emulator_and_notices_with_fixed_owners_and_times():
    headers = sorted(path.name for path in (support.ROOT / "include" / "authlete").glob("*.h"))
    assert headers, "no headers in include/authlete"
    with tarfile.open(support.TARBALL) as archive:
        members = archive.getmembers()
    names = [member.name + ("/" if member.isdir() else "") for member in members]
    expected = sorted(TOP + [f"{support.DIST_NAME}/include/authlete/{name}" for name in headers])
    assert sorted(names) == expected
    # Stored in name order: each folder's entries sorted, a folder's contents right after it.
    assert names == sorted(names, key=lambda name: name.rstrip("/").split("/"))
    epoch = source_date_epoch()
    for member in members:
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", ""), member.name
        assert member.mtime == epoch, member.name
        assert member.mode & 0o022 == 0, member.name
    links = {member.name.rsplit("/", 1)[1]: member.linkname for member in members if member.issym()}
    assert links == {"libauthlete.so": "libauthlete.so.0", "libauthlete.so.0": f"libauthlete.so.{support.VERSION}"}


def test_sha256sums_covers_every_file_and_matches(extracted):
    listed = [line.split("  ", 1)[1] for line in (extracted / "SHA256SUMS").read_text().splitlines()]
    files = sorted(str(path.relative_to(extracted)) for path in extracted.rglob("*")
                   if path.is_file() and not path.is_symlink() and path.name != "SHA256SUMS")
    assert listed == files
    support.run(["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"], cwd=str(extracted))


def test_the_shipped_binaries_have_no_runpath_and_need_no_swift_runtime(extracted):
    library = extracted / "lib" / f"libauthlete.so.{support.VERSION}"
    emulator = extracted / "bin" / "authlete-emulator"
    for binary in (library, emulator):
        dynamic = support.run(["readelf", "-d", str(binary)]).stdout
        assert "RUNPATH" not in dynamic and "RPATH" not in dynamic, binary
        needed = sorted(line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line)
        assert not [name for name in needed if "swift" in name.lower()], (binary, needed)
    assert "Library soname: [libauthlete.so.0]" in support.run(["readelf", "-d", str(library)]).stdout


def test_the_pc_file_points_into_the_extracted_folder(extracted):
    pc = str(extracted / "lib" / "pkgconfig")
    flags = support.run(["pkg-config", "--cflags", "--libs", "authlete"], env={"PKG_CONFIG_PATH": pc}).stdout.split()
    assert [flags[0][:2], os.path.normpath(flags[0][2:]), flags[1][:2], os.path.normpath(flags[1][2:]), flags[2]] \
        == ["-I", f"{extracted}/include", "-L", f"{extracted}/lib", "-lauthlete"]
    assert support.run(["pkg-config", "--modversion", "authlete"], env={"PKG_CONFIG_PATH": pc}).stdout.strip() \
        == support.VERSION


def test_a_c_program_built_with_pkg_config_only_runs_the_whole_flow_against_the_tarballs_emulator(
        extracted, tarball_emulator, tmp_path):
    program = support.build_flow(tmp_path / "flow", str(extracted / "lib" / "pkgconfig"))
    env = {"LD_LIBRARY_PATH": str(extracted / "lib")}
    ldd = support.run(["ldd", str(program)], env=env).stdout
    assert f"libauthlete.so.0 => {extracted}/lib/libauthlete.so.0 " in ldd, ldd
    result = support.run([str(program), f"http://127.0.0.1:{tarball_emulator.port}"], env=env)
    assert result.stdout.splitlines() == support.FLOW_LINES, result.stderr


def test_the_emulator_tells_its_version_and_how_to_use_it(extracted):
    emulator = str(extracted / "bin" / "authlete-emulator")
    assert support.run([emulator, "--version"]).stdout == f"{support.VERSION}\n"
    usage = support.run([emulator, "--help"]).stdout
    for text in ("USAGE: authlete-emulator", "--port <port>", "--config <config>", "--print-config",
                 '{"event":"listening","host":"127.0.0.1","port":N}', "emulator-token"):
        assert text in usage, text


def test_two_builds_of_make_dist_give_the_same_bytes(tmp_path):
    """A second `make dist` from the same commit, into another folder, against the first one's tarball (the
    library and emulator builds are taken as done: SwiftPM's no-op checks take a minute)."""
    subprocess.run(["make", "-s", "--no-print-directory", "-o", "lib", "-o", "emulator", "dist",
                    f"DIST_DIR={tmp_path}"], cwd=support.ROOT,
                   check=True, capture_output=True, timeout=900)
    again = tmp_path / support.TARBALL.name
    first, second = support.TARBALL.read_bytes(), again.read_bytes()
    assert first == second, (support.sha256(first), support.sha256(second))
    print(f"make dist twice: {support.sha256(first)} both")


def test_the_notices_name_every_swift_package_linked_into_the_emulator():
    """THIRD_PARTY_NOTICES.md's generated part is what the emulator's release link holds today."""
    support.run(["python3", str(support.ROOT / "packaging" / "notices.py"), "--check"], env={"PATH": "/usr/bin:/bin:"
                + os.environ.get("PATH", "")})
