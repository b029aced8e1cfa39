"""The pytest plugin `authlete_ciba.testing`, as a user's test suite would use it: a separate pytest run whose test
takes `authlete_emulator` and makes a whole CIBA flow against it. The emulator's defaults (README: service 1000,
token emulator-token, the poll client 9007199254740993 / poll-secret) are what the fixture must report."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
ROOT = Path(__file__).resolve().parents[3]

USER_TEST = textwrap.dedent('''
    import base64, json
    from authlete_ciba import BackchannelFlow, CompleteResult, FlowStage

    def test_a_whole_flow(authlete_emulator):
        assert authlete_emulator.service_id == "1000" and authlete_emulator.token == "emulator-token"
        assert authlete_emulator.base_url == f"http://127.0.0.1:{authlete_emulator.port}"
        poll = authlete_emulator.clients["poll-client"]
        assert (poll.client_id, poll.secret, poll.delivery_mode) == (9007199254740993, "poll-secret", "POLL")
        assert authlete_emulator.clients["ping-client"].delivery_mode == "PING"
        basic = "Basic " + base64.b64encode(f"{poll.client_id}:{poll.secret}".encode()).decode()
        with authlete_emulator.client() as client, BackchannelFlow(client, authlete_emulator.service_id) as flow:
            assert flow.start("login_hint=john&scope=openid", basic) is FlowStage.IDENTIFY_USER
            assert flow.accept().status == 200
            decision = client.ciba_decide("1000", flow.request.ticket, CompleteResult.AUTHORIZED, "john")
            assert decision.response.result_code == "A198001"
        status, state = authlete_emulator.admin("GET", "/_emulator/tickets/" + flow.request.ticket)
        assert (status, state["state"]) == (200, "completed")
''')


def test_the_fixture_serves_a_users_suite(tmp_path, library_path):
    (tmp_path / "test_user.py").write_text(USER_TEST)
    binary = os.environ.get("AUTHLETE_EMULATOR", str(ROOT / ".build" / "release" / "authlete-emulator"))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(PACKAGE_DIR),
           "AUTHLETE_LIBRARY": library_path}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                             "authlete_ciba.testing", "--authlete-emulator", binary, "test_user.py"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


def test_a_missing_binary_is_a_clear_error(tmp_path, library_path):
    (tmp_path / "test_user.py").write_text("def test_x(authlete_emulator):\n    pass\n")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PACKAGE_DIR), "AUTHLETE_LIBRARY": library_path}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                             "authlete_ciba.testing", "--authlete-emulator", str(tmp_path / "nope"), "test_user.py"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "authlete-emulator not found" in result.stdout
