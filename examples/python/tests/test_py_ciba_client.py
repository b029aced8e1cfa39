"""ciba_client.py, the CIBA client application, as a command against the Python sample server: poll, ping and
push flows with their notifications on the client's own listener, a refusal, and a notification that never comes."""
from __future__ import annotations

import json
import socket

import pytest

import flow_support as flows
from testing_support import PYTHON_DIR, USERS, authlete_env, python_command, run

CLIENT = str(PYTHON_DIR / "ciba_client.py")


@pytest.fixture(scope="module")
def listen_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(emulator, launcher, listen_port):
    service = emulator.new_service()
    flows.register_clients(emulator, service, f"http://127.0.0.1:{listen_port}/ciba/notification")
    server = launcher.start(python_command(str(PYTHON_DIR / "server_example.py"), "--port", "0", "--users",
                                           str(USERS), "--service-id", service["id"]),
                            authlete_env(emulator.base_url, service))
    yield f"http://127.0.0.1:{server.port}"
    assert server.stop() == 0


def client(server_url, client, *arguments):
    client_id, secret, method = client
    return run(python_command(CLIENT, "--server", server_url, "--client-id", client_id, "--client-secret", secret,
                              "--auth", method, *arguments), dict(__import__("os").environ), timeout=60)


@pytest.mark.parametrize("mode", ["ping", "push"])
@pytest.mark.parametrize("decision", flows.DECISIONS)
def test_a_flow_with_its_notification(server_url, listen_port, mode, decision):
    result = client(server_url, flows.MODES[mode], "--login-hint", "carol", "--listen-port", str(listen_port),
                    "--decide", decision, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    auth_req_id = summary["answer"]["auth_req_id"]
    assert summary["status"] == 200 and summary["device"] == {"status": 200, "answer": flows.device_answer(mode)}
    flows.check_notification(mode, decision, auth_req_id, summary["notification"])


def test_poll_reports_the_auth_req_id(server_url):
    result = client(server_url, flows.POLL, "--login-hint", "alice@example.com", "--user-code", "1234",
                    "--binding-message", "Pay 5 EUR")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ">>> POST " + server_url + "/backchannel/authentication" in lines
    assert ">>> scope=openid&login_hint=alice%40example.com&user_code=1234&binding_message=Pay+5+EUR" in lines
    assert "<<< 200 OK" in lines and "<<< Cache-Control: no-store" in lines
    assert any(line.startswith("*** accepted: auth_req_id ") for line in lines)
    assert lines[-1].startswith("*** poll mode")


def test_the_exchanges_are_printed(server_url, listen_port):
    result = client(server_url, flows.PUSH, "--login-hint", "carol", "--listen-port", str(listen_port),
                    "--notification-token", "tok-1", "--decide", "approve")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert ">>> scope=openid&login_hint=carol&client_notification_token=tok-1&client_id=1003&client_secret=" \
           "push-secret" in lines
    assert ">>> POST " + server_url + "/device/decide" in lines
    assert "*** notification received: POST /ciba/notification" in lines
    assert "*** Authorization: Bearer tok-1" in lines


def test_a_refusal_exits_1(server_url):
    result = client(server_url, flows.POLL, "--login-hint", "bob", "--user-code", "5678", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"status": 403, "answer": {
        "error": "access_denied", "error_description": "access is denied for this user"}}


def test_no_notification_in_time_exits_2(server_url, listen_port):
    """No decision is made, so nothing is sent: the client gives up after --timeout."""
    result = client(server_url, flows.PING, "--login-hint", "carol", "--listen-port", str(listen_port),
                    "--timeout", "0.5", "--json")
    assert result.returncode == 2 and json.loads(result.stdout)["notification"] is None


def test_usage_errors_exit_64(server_url):
    assert client(server_url, flows.POLL).returncode == 64  # no hint
    assert client(server_url, flows.POLL, "--login-hint", "a", "--login-hint-token", "b").returncode == 64
