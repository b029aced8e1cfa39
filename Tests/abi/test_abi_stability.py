"""0.2 only grows the ABI of 0.1.0: a program built against the 0.1.0 header (kept as Tests/abi/authlete-0.1.0.h)
runs unchanged on the new library, the 0.1.0 functions sit in the AUTHLETE_0.1 version node and the new ones in
AUTHLETE_0.2, abidiff against the 0.1.0 library's recorded ABI (libauthlete-0.1.0.abi, made by abidw from the 0.1.0
build) reports additions only, and every generated file is current."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_HEADER = ROOT / "Tests" / "abi" / "authlete-0.1.0.h"
OLD_ABI = ROOT / "Tests" / "abi" / "libauthlete-0.1.0.abi"


def declared(path: Path) -> set:
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    return set(re.findall(r"\b(authlete_[a-z0-9_]+)\s*\(", text))


def test_the_0_1_0_header_declares_the_23_functions_of_0_1_0():
    assert len(declared(OLD_HEADER)) == 23


def test_symbol_versions(library_path):
    output = subprocess.run(["nm", "-D", "--defined-only", "--with-symbol-versions", library_path],
                            capture_output=True, text=True, check=True).stdout
    versions = dict(re.findall(r" T (authlete_[a-z0-9_]+)@@(AUTHLETE_[0-9.]+)", output))
    old = declared(OLD_HEADER)
    assert {name for name, node in versions.items() if node == "AUTHLETE_0.1"} == old
    assert {node for name, node in versions.items() if name not in old} == {"AUTHLETE_0.2"}
    assert len(versions) == len(output.splitlines())  # every export is versioned


def test_a_host_built_against_the_0_1_0_header_runs_on_the_new_library(tmp_path, library_path, emulator):
    include = tmp_path / "include"
    include.mkdir()
    shutil.copy(OLD_HEADER, include / "authlete.h")
    program = tmp_path / "ciba-fail-0.1"
    libdir = str(Path(library_path).parent)
    subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", f"-I{include}",
                    str(ROOT / "examples" / "c" / "ciba-fail.c"), "-o", str(program), f"-L{libdir}", "-lauthlete",
                    f"-Wl,-rpath,{libdir}"], check=True)
    service = emulator.new_service()
    env = {"AUTHLETE_BASE_URL": emulator.base_url, "AUTHLETE_BEARER": service["token"], "PATH": "/usr/bin:/bin"}
    # reason -> (action, HTTP status, error) from the reason table of the CIBA fail API.
    for reason, (action, status, error) in {"ACCESS_DENIED": ("FORBIDDEN", 403, "access_denied"),
                                            "UNKNOWN_USER_ID": ("BAD_REQUEST", 400, "unknown_user_id"),
                                            "SERVER_ERROR": ("INTERNAL_SERVER_ERROR", 500, "server_error")}.items():
        ticket = emulator.new_ticket(service["id"])
        result = subprocess.run([str(program), "--service-id", service["id"], "--ticket", ticket, "--reason", reason,
                                 "--json"], env=env, capture_output=True, text=True)
        assert (result.returncode, result.stderr) == (0, "")
        printed = json.loads(result.stdout)
        assert (printed["action"], printed["httpStatus"], printed["resultCode"]) == (action, status, "A185001")
        assert json.loads(printed["responseContent"]) == {"error": error}
        assert not emulator.ticket_exists(ticket)
    # The library it runs on is the new one.
    version = subprocess.run([str(program), "--version"], env=env, capture_output=True, text=True).stdout
    assert "0.2.0" in version


def test_abidiff_reports_additions_only(library_path):
    if shutil.which("abidiff") is None:
        pytest.fail("abidiff is missing: apt-get install abigail-tools (make test installs it)")
    result = subprocess.run(["abidiff", str(OLD_ABI), library_path], capture_output=True, text=True)
    # abidiff's exit status is a bit field: 4 an ABI change, 8 an incompatible change.
    assert result.returncode & ~4 == 0, result.stdout + result.stderr
    assert "Functions changes summary: 0 Removed, 0 Changed" in result.stdout
    assert "Function symbols changes summary: 0 Removed" in result.stdout
    assert "Variable symbols changes summary: 0 Removed" in result.stdout


def test_generated_files_are_current():
    result = subprocess.run([sys.executable, str(ROOT / "codegen" / "generate.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
