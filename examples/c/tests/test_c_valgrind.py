"""The C samples under valgrind (memcheck): no definite leak. Skipped with EXAMPLES_SKIP_VALGRIND=1."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading

import pytest

from testing_support import SERVER_CASES, USERS, authlete_env, run

pytestmark = [
    pytest.mark.valgrind,
    pytest.mark.skipif(os.environ.get("EXAMPLES_SKIP_VALGRIND") == "1", reason="EXAMPLES_SKIP_VALGRIND=1"),
    pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed"),
]
VALGRIND = ["valgrind", "--tool=memcheck", "--leak-check=full", "--errors-for-leak-kinds=definite",
            "--track-fds=no", "--child-silent-after-fork=yes"]


@pytest.fixture(scope="module")
def valgrind_env(library_path, tmp_path_factory):
    """Makes the samples load a copy of the library without its debug sections, through LD_LIBRARY_PATH (which
    wins over their RUNPATH): valgrind 3.19 gives up on the DWARF 5 that lld writes into the build tree's .so.
    The code is the same; `make install` installs a stripped library too."""
    directory = tmp_path_factory.mktemp("stripped")
    subprocess.run(["strip", "--strip-debug", "-o", str(directory / "libauthlete.so.0"),
                    os.path.realpath(library_path)], check=True, timeout=120)
    return {"LD_LIBRARY_PATH": str(directory)}


def leak_summary(log: str) -> dict:
    """The bytes reported per leak kind ({} when valgrind found every block freed)."""
    return {kind: int(amount.replace(",", "")) for kind, amount in
            re.findall(r"(definitely lost|indirectly lost|possibly lost|still reachable): ([\d,]+) bytes", log)}


def test_server_has_no_definite_leak(emulator, launcher, c_build, valgrind_env, tmp_path, capsys):
    service = emulator.new_service()
    log_file = tmp_path / "server.valgrind"
    server = launcher.start([*VALGRIND, f"--log-file={log_file}", str(c_build / "backchannel-server"), "--port", "0",
                             "--users", str(USERS), "--service-id", service["id"], "--threads", "2"],
                            authlete_env(emulator.base_url, service, **valgrind_env), ready_timeout=120)
    failures = []

    def client(index: int) -> None:
        try:
            for call in range(len(SERVER_CASES)):
                form, _, _ = SERVER_CASES[(index + call) % len(SERVER_CASES)]
                status, _, _ = server.post(f"{form}&ticket={emulator.new_ticket(service['id'])}")
                assert status in (400, 403, 500)
        except Exception as error:
            failures.append(repr(error))

    threads = [threading.Thread(target=client, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == [] and not any(thread.is_alive() for thread in threads)
    assert server.post("login_hint=zed", path="/nope")[0] == 404
    assert server.post("login_hint=" + "x" * 17000)[0] == 413
    assert server.post("login_hint=%zz")[0] == 400
    assert server.stop(timeout=120) == 0
    log = log_file.read_text()
    summary = leak_summary(log)
    errors = re.search(r"ERROR SUMMARY: (\d+) errors", log)
    with capsys.disabled():
        print(f"\n[valgrind] backchannel-server, {2 * len(SERVER_CASES) + 3} requests: leaks {summary or 'none'}, "
              f"{errors.group(0) if errors else 'no error summary'}")
    assert "All heap blocks were freed" in log or summary.get("definitely lost", 0) == 0, log[-3000:]


def test_cli_has_no_definite_leak(emulator, c_build, valgrind_env, tmp_path):
    service = emulator.new_service()
    for arguments in (["--reason", "ACCESS_DENIED", "--json"], ["--reason", "NOPE"]):
        log_file = tmp_path / "cli.valgrind"
        run([*VALGRIND, f"--log-file={log_file}", str(c_build / "ciba-fail"), "--service-id", service["id"],
             *arguments], authlete_env(emulator.base_url, service, **valgrind_env), timeout=120)
        log = log_file.read_text()
        assert "All heap blocks were freed" in log or leak_summary(log).get("definitely lost", 0) == 0, log[-3000:]
