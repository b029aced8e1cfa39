"""ciba-fail, the C command-line tool: its output and exit statuses against the emulator."""
from __future__ import annotations

import json

import pytest

from testing_support import REASONS, RESULT_CODE, RESULT_MESSAGE, authlete_env, run


@pytest.fixture()
def cli(c_build):
    return str(c_build / "ciba-fail")


@pytest.fixture()
def service(emulator):
    return emulator.new_service()


@pytest.fixture()
def env(emulator, service):
    return authlete_env(emulator.base_url, service)


def lines(output: str) -> dict:
    return dict(line.split(": ", 1) for line in output.splitlines())


@pytest.mark.parametrize("reason", list(REASONS))
def test_every_reason(cli, env, emulator, service, reason):
    error, action, status = REASONS[reason]
    ticket = emulator.new_ticket(service["id"])
    result = run([cli, "--service-id", service["id"], "--ticket", ticket, "--reason", reason], env)
    assert (result.returncode, result.stderr) == (0, "")
    printed = lines(result.stdout)
    assert list(printed) == ["action", "http_status", "response_content", "result_code"]
    assert (printed["action"], printed["http_status"], printed["result_code"]) == (action, str(status), RESULT_CODE)
    assert json.loads(printed["response_content"]) == {"error": error}
    assert not emulator.ticket_exists(ticket)


@pytest.mark.parametrize("reason", ["ACCESS_DENIED", "SERVER_ERROR", "INVALID_TARGET"])
def test_json_output(cli, env, service, reason):
    error, action, status = REASONS[reason]
    result = run([cli, "--json", "--service-id", service["id"], "--reason", reason, "--description", 'say "hi"\n',
                  "--uri", "https://as.example/e?x=1&y=2"], env)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == {"action": action, "httpStatus": status, "responseContent": printed["responseContent"],
                       "resultCode": RESULT_CODE, "resultMessage": RESULT_MESSAGE}
    assert json.loads(printed["responseContent"]) == {
        "error": error, "error_description": 'say "hi"\n', "error_uri": "https://as.example/e?x=1&y=2"}
    assert result.stdout.count("\n") == 1


def test_no_reason_means_server_error(cli, env, emulator, service):
    ticket = emulator.new_ticket(service["id"])
    result = run([cli, "--service-id", service["id"], "--ticket", ticket], env)
    printed = lines(result.stdout)
    assert (result.returncode, printed["action"], printed["http_status"]) == (0, "INTERNAL_SERVER_ERROR", "500")
    assert not emulator.ticket_exists(ticket)


def test_the_service_id_from_the_environment_with_api_v2(cli, emulator, service):
    env = authlete_env(emulator.base_url, None, AUTHLETE_API_VERSION="V2", AUTHLETE_SERVICE_APIKEY=service["id"],
                       AUTHLETE_SERVICE_APISECRET=service["apiSecret"])
    result = run([cli, "--reason", "MISSING_USER_CODE"], env)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)["http_status"] == "400"


@pytest.mark.parametrize("arguments, detail", [
    (["--reason", "NOPE"], 'unknown reason "NOPE"'),
    (["--reason", "access_denied"], "unknown reason"),
    (["--reason", ""], "unknown reason"),
    (["--ticket", ""], "ticket"),
    (["--uri", "not-absolute"], "errorUri"),
    (["--service-id", "10/00"], "service id"),
    (["--service-id", ""], "service id"),
    (["--service-id", "../x"], "service id"),
])
def test_bad_input_exits_with_invalid_argument(cli, env, service, arguments, detail):
    result = run([cli, "--service-id", service["id"], *arguments], env)
    assert result.returncode == 2 and result.stdout == ""
    assert "AUTHLETE_ERR_INVALID_ARGUMENT" in result.stderr and detail in result.stderr


def test_bad_input_as_json(cli, env, service):
    result = run([cli, "--json", "--service-id", service["id"], "--reason", "NOPE"], env)
    assert result.returncode == 2
    assert json.loads(result.stdout) == {"status": 2, "error": "AUTHLETE_ERR_INVALID_ARGUMENT",
                                         "detail": 'unknown reason "NOPE"'}


@pytest.mark.parametrize("arguments", [[], ["--reason", "ACCESS_DENIED"], ["--service-id"], ["--bogus", "x"],
                                       ["--service-id", "1000", "extra"]])
def test_usage_errors_exit_64(cli, env, arguments):
    result = run([cli, *arguments], env)
    assert result.returncode == 64 and "usage: ciba-fail" in result.stderr and result.stdout == ""


def test_help_and_version(cli, env):
    result = run([cli, "--help"], env)
    assert result.returncode == 0 and result.stdout.startswith("usage: ciba-fail")
    for reason in REASONS:
        assert reason in result.stdout
    result = run([cli, "--version"], env)
    assert (result.returncode, result.stdout) == (0, "ciba-fail: libauthlete 0.2.0 (header 0.2.0)\n")


def test_a_wrong_token_exits_with_api_error_and_logs_authletes_answer(cli, emulator, service):
    env = authlete_env(emulator.base_url, {"token": "wrong-token-123"})
    result = run([cli, "--service-id", service["id"], "--reason", "ACCESS_DENIED"], env)
    assert result.returncode == 6 and result.stdout == ""
    assert "calling Authlete: AUTHLETE_ERR_API: " in result.stderr and "A458101" in result.stderr
    assert "ciba-fail: Authlete answered: {" in result.stderr
    assert "wrong-token-123" not in result.stderr


@pytest.mark.parametrize("fault, status, name", [
    ("status=500", 6, "AUTHLETE_ERR_API"),
    ("status=401", 6, "AUTHLETE_ERR_API"),
    ("non-json", 7, "AUTHLETE_ERR_PROTOCOL"),
    ("close", 4, "AUTHLETE_ERR_NETWORK"),
])
def test_authlete_faults(cli, emulator, fault, status, name):
    service = emulator.new_service(fault=fault)
    result = run([cli, "--service-id", service["id"], "--reason", "ACCESS_DENIED"],
                 authlete_env(emulator.base_url, service))
    assert result.returncode == status and name in result.stderr


def test_a_timeout(cli, emulator):
    service = emulator.new_service(fault="delay=3000")
    env = authlete_env(emulator.base_url, service, AUTHLETE_TIMEOUT_MS="300")
    result = run([cli, "--service-id", service["id"]], env, timeout=20)
    assert result.returncode == 5 and "AUTHLETE_ERR_TIMEOUT" in result.stderr


def test_an_unreachable_authlete(cli, unused_port):
    env = authlete_env(f"http://127.0.0.1:{unused_port}", {"token": "t"})
    result = run([cli, "--service-id", "1000", "--reason", "ACCESS_DENIED"], env)
    assert result.returncode == 4 and "AUTHLETE_ERR_NETWORK" in result.stderr


def test_no_configuration_is_a_config_error(cli):
    env = authlete_env("http://127.0.0.1:9")
    del env["AUTHLETE_BASE_URL"]
    result = run([cli, "--service-id", "1000"], env)
    assert result.returncode == 3 and "configuring the client: AUTHLETE_ERR_CONFIG" in result.stderr
