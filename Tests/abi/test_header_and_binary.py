"""The shipped artefacts: exported symbols equal the header's functions, no Swift runtime needed, a SONAME, a header
that compiles as C99 and C++, version macros equal to the library's answers, and an install usable through
pkg-config."""
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = ROOT / "include" / "authlete.h"
HEADERS = [HEADER, *sorted((ROOT / "include" / "authlete").glob("*.h"))]


def header_functions() -> set:
    functions = set()
    for header in HEADERS:
        text = re.sub(r"/\*.*?\*/", "", header.read_text(), flags=re.S)
        functions |= set(re.findall(r"\b(authlete_[a-z0-9_]+)\s*\(", text))
    return functions


def test_exports_exactly_the_functions_of_the_header(library_path):
    output = subprocess.run(["nm", "-D", "--defined-only", library_path], capture_output=True, text=True, check=True).stdout
    exported = {line.split()[-1] for line in output.splitlines() if line.strip()}
    assert {name.split("@")[0] for name in exported} == header_functions()
    assert len(exported) > 23


def test_needs_no_swift_runtime_and_has_its_soname(library_path):
    ldd = subprocess.run(["ldd", library_path], capture_output=True, text=True, check=True).stdout
    assert "libswift" not in ldd and "not found" not in ldd
    dynamic = subprocess.run(["readelf", "-d", library_path], capture_output=True, text=True, check=True).stdout
    assert "Library soname: [libauthlete.so.0]" in dynamic


def test_stripped_library_is_under_ten_megabytes(library_path, tmp_path):
    stripped = tmp_path / "libauthlete.so"
    subprocess.run(["strip", "--strip-unneeded", "-o", str(stripped), library_path], check=True)
    assert stripped.stat().st_size <= 10 * 1024 * 1024


def compile_header(tmp_path, compiler, standard, suffix, header="authlete.h"):
    source = tmp_path / f"header{suffix}"
    source.write_text(f'#include "{header}"\nint main(void) {{ return AUTHLETE_OK; }}\n')
    result = subprocess.run([compiler, f"-std={standard}", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                             f"-I{ROOT / 'include'}", "-c", str(source), "-o", str(tmp_path / "header.o")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_header_compiles_as_c99(tmp_path):
    compile_header(tmp_path, "gcc", "c99", ".c")


def test_header_compiles_as_cxx(tmp_path):
    compile_header(tmp_path, "g++", "c++11", ".cpp")


@pytest.mark.parametrize("header", [path.name for path in HEADERS[1:]])
def test_each_header_compiles_alone_as_c99_and_cxx(tmp_path, header):
    compile_header(tmp_path, "gcc", "c99", ".c", f"authlete/{header}")
    compile_header(tmp_path, "g++", "c++11", ".cpp", f"authlete/{header}")


def test_version_macros_match_the_library(abi):
    text = HEADER.read_text()
    string = re.search(r'#define AUTHLETE_VERSION_STRING "([^"]+)"', text).group(1)
    number = int(re.search(r"#define AUTHLETE_VERSION_NUMBER (\d+)", text).group(1))
    major, minor, patch = (int(part) for part in string.split("."))
    assert number == major * 10000 + minor * 100 + patch
    assert abi.lib.authlete_version().decode() == string
    assert abi.lib.authlete_version_number() == number


PROGRAM = r"""
#include <authlete.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  char *json = NULL;
  if (authlete_ciba_fail_request_json("t", "ACCESS_DENIED", NULL, NULL, &json) != AUTHLETE_OK) return 1;
  printf("%s %s %u\n", json, authlete_version(), authlete_version_number() == AUTHLETE_VERSION_NUMBER);
  authlete_free(json);
  return 0;
}
"""


def test_installs_and_builds_a_c_program_through_pkg_config(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["make", "-s", "-C", str(ROOT), "install", f"PREFIX={prefix}"], check=True, capture_output=True)
    assert os.readlink(prefix / "lib" / "libauthlete.so") == "libauthlete.so.0"
    assert os.readlink(prefix / "lib" / "libauthlete.so.0") == "libauthlete.so.0.2.0"
    environment = {**os.environ, "PKG_CONFIG_PATH": str(prefix / "lib" / "pkgconfig")}
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "authlete"], env=environment, capture_output=True,
                           text=True, check=True).stdout.split()
    source = tmp_path / "program.c"
    source.write_text(PROGRAM)
    subprocess.run(["cc", "-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror", str(source), "-o",
                    str(tmp_path / "program"), *flags, f"-Wl,-rpath,{prefix / 'lib'}"], check=True)
    output = subprocess.run([str(tmp_path / "program")], capture_output=True, text=True, check=True).stdout
    assert output == '{"ticket":"t","reason":"ACCESS_DENIED"} 0.2.0 1\n'
