"""backchannel-server, the C rejection endpoint: exact answers over real HTTP, failures, signals."""
from __future__ import annotations

import signal

import pytest

from testing_support import (
    SERVER_ERROR_BODY, USERS, authlete_env, check_failure_answer, check_local_answers, check_rejections, run,
)


def start(launcher, c_build, env, service_id, *extra):
    return launcher.start([str(c_build / "backchannel-server"), "--port", "0", "--users", str(USERS),
                           "--service-id", service_id, *extra], env)


@pytest.fixture(scope="module")
def served(emulator, launcher, c_build):
    service = emulator.new_service()
    server = start(launcher, c_build, authlete_env(emulator.base_url, service), service["id"])
    yield server, service
    assert server.stop() == 0


def test_every_rejection(served, emulator):
    server, service = served
    check_rejections(server, emulator, service)


def test_answers_without_authlete(served, emulator):
    server, service = served
    check_local_answers(server, emulator, service)


def test_keep_alive(served, emulator):
    """Several requests on one connection, each answered in full."""
    server, service = served
    connection = server.connection()
    try:
        for _ in range(5):
            connection.request("POST", "/backchannel/authentication", body="login_hint=zed",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            assert response.status == 400 and b"unknown_user_id" in response.read()
    finally:
        connection.close()


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
    assert f"calling Authlete failed: {logged}" in log and service["token"] not in log
    if logged == "AUTHLETE_ERR_API":
        assert "backchannel-server: Authlete answered: {" in log  # the body, for the operator only


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
    assert server.post("login_hint=zed")[::2] == (500, SERVER_ERROR_BODY)
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
    (tmp_path / "bad.txt").write_text("alice 1234 sleeping\n")
    bad = run([binary, "--port", "0", "--service-id", "1", "--users", str(tmp_path / "bad.txt")], env)
    assert bad.returncode == 66 and "bad.txt:1" in bad.stderr
    config = run([binary, "--port", "0", "--service-id", "1", "--users", str(USERS)], no_credentials)
    assert config.returncode == 78 and "AUTHLETE_ERR_CONFIG" in config.stderr
