"""backchannel-server, the C endpoint on the flow object: every branch over real HTTP (Authlete's refusals, each
fail reason, accepted requests, the device's decisions in each delivery mode with their notifications), failures
and signals."""
from __future__ import annotations

import signal

import pytest

import flow_support as flows
from testing_support import SERVER_ERROR_BODY, USERS, authlete_env, check_failure_answer, run


def start(launcher, c_build, env, service_id, *extra):
    return launcher.start([str(c_build / "backchannel-server"), "--port", "0", "--users", str(USERS),
                           "--service-id", service_id, *extra], env)


@pytest.fixture(scope="module")
def listener():
    from ciba_client import NotificationListener

    with NotificationListener() as made:
        made.expect(flows.NOTIFY_TOKEN)
        yield made


@pytest.fixture(scope="module")
def served(emulator, launcher, c_build, listener):
    service = emulator.new_service()
    flows.register_clients(emulator, service, listener.url)
    server = start(launcher, c_build, authlete_env(emulator.base_url, service), service["id"])
    yield server, service
    assert server.stop() == 0


def test_every_rejection(served, emulator):
    server, service = served
    flows.check_rejections(server, emulator, service)


def test_authletes_own_refusals(served):
    flows.check_authlete_refusals(served[0])


def test_accepted_requests(served):
    flows.check_accepted(served[0])


def test_complete_flows_in_each_mode(served, listener):
    flows.check_complete_flows(served[0], listener)


def test_device_errors(served, listener):
    flows.check_device_errors(served[0], listener)


def test_a_decision_after_expiry(served, emulator):
    flows.check_expired_decision(served[0], emulator)


def test_answers_without_authlete(served):
    flows.check_local_answers(served[0])


def test_keep_alive(served):
    """Several requests on one connection, each answered in full."""
    server, _ = served
    connection = server.connection()
    try:
        for _ in range(5):
            answer = flows.start(server, flows.params(login_hint="zed"), connection)
            assert answer.status == 400 and answer.json()["error"] == "unknown_user_id"
    finally:
        connection.close()


@pytest.mark.parametrize("endpoint", ["issue", "complete"])
def test_authlete_failing_later_in_the_flow(emulator, launcher, c_build, endpoint):
    flows.check_authlete_fault_on(
        lambda service: start(launcher, c_build, authlete_env(emulator.base_url, service), service["id"]),
        emulator, endpoint)


@pytest.mark.parametrize("fault, logged", [
    ("status=401", "AUTHLETE_ERR_API"),
    ("status=500", "AUTHLETE_ERR_API"),
    ("non-json", "AUTHLETE_ERR_PROTOCOL"),
    ("close", "AUTHLETE_ERR_NETWORK"),
])
def test_authlete_failures_give_a_bare_server_error(emulator, launcher, c_build, fault, logged):
    service = emulator.new_service(fault=fault)
    server = start(launcher, c_build, authlete_env(emulator.base_url, service), service["id"])
    check_failure_answer(server, ["A458101", "A001101", "resultMessage", service["token"]])
    assert server.stop() == 0
    log = server.stderr()
    assert f"backchannel-server: /backchannel/authentication: {logged}: " in log and service["token"] not in log


def test_a_timeout(emulator, launcher, c_build):
    service = emulator.new_service(fault="delay=3000")
    server = start(launcher, c_build, authlete_env(emulator.base_url, service, AUTHLETE_TIMEOUT_MS="300"),
                   service["id"])
    check_failure_answer(server, [])
    assert server.stop() == 0 and "AUTHLETE_ERR_TIMEOUT" in server.stderr()


def test_an_unreachable_authlete(launcher, c_build, unused_port):
    server = start(launcher, c_build, authlete_env(f"http://127.0.0.1:{unused_port}", {"token": "t"}), "1000")
    check_failure_answer(server, [])
    assert server.stop(signal.SIGINT) == 0 and "AUTHLETE_ERR_NETWORK" in server.stderr()


def test_a_service_id_that_is_not_a_path_segment(emulator, launcher, c_build):
    server = start(launcher, c_build, authlete_env(emulator.base_url, {"token": "emulator-token"}), "1000/../x")
    assert server.post("scope=openid&login_hint=carol")[::2] == (500, SERVER_ERROR_BODY)
    assert server.stop() == 0 and "AUTHLETE_ERR_INVALID_ARGUMENT" in server.stderr()


def test_start_up_errors(c_build, emulator, tmp_path):
    binary = str(c_build / "backchannel-server")
    env = authlete_env(emulator.base_url, {"token": "t"})
    no_credentials = authlete_env(emulator.base_url)
    assert run([binary, "--help"], env).returncode == 0
    assert run([binary, "--port", "0"], env).returncode == 64  # no service id
    assert run([binary, "--port", "70000", "--service-id", "1"], env).returncode == 64
    assert run([binary, "--bogus"], env).returncode == 64
    missing = run([binary, "--port", "0", "--service-id", "1", "--users", str(tmp_path / "none")], env)
    assert missing.returncode == 66 and "No such file" in missing.stderr
    for number, text in enumerate(["alice 1234 sleeping\n", "user alice a@x - - sleeping\n",
                                   "user alice - - - active\nuser alice - - - blocked\n",
                                   "token t alice soon\n", "deny-client\n"]):
        (tmp_path / f"bad{number}.txt").write_text(text)
        bad = run([binary, "--port", "0", "--service-id", "1", "--users", str(tmp_path / f"bad{number}.txt")], env)
        line = text.count("\n")
        assert bad.returncode == 66 and f"bad{number}.txt:{line}: expected" in bad.stderr, (text, bad.stderr)
    config = run([binary, "--port", "0", "--service-id", "1", "--users", str(USERS)], no_credentials)
    assert config.returncode == 78 and "AUTHLETE_ERR_CONFIG" in config.stderr
