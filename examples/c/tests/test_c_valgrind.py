"""The C samples under valgrind (memcheck): no definite leak. Skipped with EXAMPLES_SKIP_VALGRIND=1."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import flow_support as flows
from testing_support import USERS, authlete_env, run

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


def test_server_flows_under_valgrind(emulator, launcher, c_build, valgrind_env, tmp_path, capsys):
    """A short run of every kind of request (rejections, Authlete's refusals, complete flows in each mode with
    their notifications, local answers) from 2 clients: no leak, no memory error."""
    from ciba_client import NotificationListener

    service = emulator.new_service()
    log_file = tmp_path / "server.valgrind"
    with NotificationListener() as listener:
        listener.expect(flows.NOTIFY_TOKEN)
        flows.register_clients(emulator, service, listener.url)
        server = launcher.start([*VALGRIND, f"--log-file={log_file}", str(c_build / "backchannel-server"),
                                 "--port", "0", "--users", str(USERS), "--service-id", service["id"],
                                 "--threads", "2"],
                                authlete_env(emulator.base_url, service, **valgrind_env), ready_timeout=120)
        for client_and_form, _, _ in flows.REJECTIONS[:8]:
            assert flows.start(server, client_and_form).status in (400, 403, 500)
        assert flows.start(server, flows.AUTHLETE_REFUSALS[0][0]).status == 401
        _, done = flows.run_flows(server, listener, 2, 9)  # each mode with each decision
        flows.check_local_answers(server)
        assert server.stop(timeout=120) == 0
    log = log_file.read_text()
    summary = leak_summary(log)
    errors = re.search(r"ERROR SUMMARY: (\d+) errors", log)
    with capsys.disabled():
        print(f"\n[valgrind] backchannel-server, 9 rejections, {len(done)} complete flows, 7 local answers: "
              f"leaks {summary or 'none'}, {errors.group(0) if errors else 'no error summary'}")
    assert summary.get("definitely lost", 0) == 0 and summary.get("indirectly lost", 0) == 0, log[-3000:]
    assert errors is not None and errors.group(1) == "0", log[-3000:]


def test_cli_has_no_definite_leak(emulator, c_build, valgrind_env, tmp_path):
    service = emulator.new_service()
    for arguments in (["--reason", "ACCESS_DENIED", "--json"], ["--reason", "NOPE"]):
        log_file = tmp_path / "cli.valgrind"
        run([*VALGRIND, f"--log-file={log_file}", str(c_build / "ciba-fail"), "--service-id", service["id"],
             *arguments], authlete_env(emulator.base_url, service, **valgrind_env), timeout=120)
        log = log_file.read_text()
        assert "All heap blocks were freed" in log or leak_summary(log).get("definitely lost", 0) == 0, log[-3000:]
