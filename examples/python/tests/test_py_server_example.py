"""server_example.py, the Python rejection endpoint, over HTTP: the same answers as the C server."""
from __future__ import annotations

import signal

import pytest

from testing_support import (
    PYTHON_DIR, USERS, authlete_env, check_failure_answer, check_local_answers, check_rejections, python_command,
)

SCRIPT = str(PYTHON_DIR / "server_example.py")


def start(launcher, env, service_id):
    return launcher.start(python_command(SCRIPT, "--port", "0", "--users", str(USERS), "--service-id", service_id),
                          env)


@pytest.fixture(scope="module")
def served(emulator, launcher):
    service = emulator.new_service()
    server = start(launcher, authlete_env(emulator.base_url, service), service["id"])
    yield server, service
    assert server.stop() == 0


def test_every_rejection(served, emulator):
    server, service = served
    check_rejections(server, emulator, service)


def test_answers_without_authlete(served, emulator):
    server, service = served
    check_local_answers(server, emulator, service)


@pytest.mark.parametrize("fault", ["status=401", "status=500", "non-json"])
def test_authlete_failures_give_a_bare_server_error(emulator, launcher, fault):
    service = emulator.new_service(fault=fault)
    server = start(launcher, authlete_env(emulator.base_url, service), service["id"])
    check_failure_answer(server, ["A458101", "A001101", "resultMessage", service["token"]])
    assert server.stop(signal.SIGINT) == 0
    assert "ciba_fail failed" in server.stderr() and service["token"] not in server.stderr()


def test_an_unreachable_authlete(emulator, launcher, unused_port):
    server = start(launcher, authlete_env(f"http://127.0.0.1:{unused_port}", {"token": "t"}), "1000")
    check_failure_answer(server, [])
    assert server.stop() == 0
    assert "AUTHLETE_ERR_NETWORK" in server.stderr()
