"""The flow object and the decision call in a C host under valgrind: whole flows (rejected, unauthorized, accepted
and decided for a poll and a ping client, the ping notification delivered) with no memory error and nothing
lost."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from notification_listener import NotificationListener

ROOT = Path(__file__).resolve().parents[2]


def test_whole_flows_under_valgrind(tmp_path, library_path, emulator):
    if shutil.which("valgrind") is None:
        pytest.fail("valgrind is missing: apt-get install valgrind (make test installs it)")
    libdir = str(Path(library_path).parent)
    program = tmp_path / "flow_host"
    subprocess.run(["cc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                    f"-I{ROOT / 'include'}", str(ROOT / "Tests" / "abi" / "flow_host.c"), "-o", str(program),
                    f"-L{libdir}", "-lauthlete", f"-Wl,-rpath,{libdir}"], check=True)
    service = emulator.new_service()
    listener = NotificationListener(204)
    try:
        status, _ = emulator.admin("PUT", f"/_emulator/services/{service['id']}/clients/7100",
                                   {"clientSecret": "ping-s", "deliveryMode": "PING", "notificationEndpoint": listener.url})
        assert status == 201
        result = subprocess.run(["valgrind", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                                 "--error-exitcode=99", str(program), emulator.base_url, service["token"],
                                 service["id"], "7100", "ping-s", "5"], capture_output=True, text=True, timeout=600)
    finally:
        listener.close()
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.strip() == "flows 5 failures 0"
    assert re.search(r"ERROR SUMMARY: 0 errors", result.stderr), result.stderr[-2000:]
    assert re.search(r"definitely lost: 0 bytes", result.stderr) or "no leaks are possible" in result.stderr
    assert len(listener.received) == 5  # one ping per decided ping flow
