"""server_example.py, the Python endpoint on BackchannelFlow and Client.ciba_decide, over HTTP: every branch, with
the same expected answers as the C server."""
from __future__ import annotations

import signal

import pytest

import flow_support as flows
from testing_support import PYTHON_DIR, USERS, authlete_env, check_failure_answer, python_command

SCRIPT = str(PYTHON_DIR / "server_example.py")


def start(launcher, env, service_id):
    return launcher.start(python_command(SCRIPT, "--port", "0", "--users", str(USERS), "--service-id", service_id),
                          env)


@pytest.fixture(scope="module")
def listener():
    from ciba_client import NotificationListener

    with NotificationListener() as made:
        made.expect(flows.NOTIFY_TOKEN)
        yield made


@pytest.fixture(scope="module")
def served(emulator, launcher, listener):
    service = emulator.new_service()
    flows.register_clients(emulator, service, listener.url)
    server = start(launcher, authlete_env(emulator.base_url, service), service["id"])
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


@pytest.mark.parametrize("endpoint", ["issue", "complete"])
def test_authlete_failing_later_in_the_flow(emulator, launcher, endpoint):
    flows.check_authlete_fault_on(
        lambda service: start(launcher, authlete_env(emulator.base_url, service), service["id"]), emulator, endpoint)


@pytest.mark.parametrize("fault", ["status=401", "status=500", "non-json"])
def test_authlete_failures_give_a_bare_server_error(emulator, launcher, fault):
    service = emulator.new_service(fault=fault)
    server = start(launcher, authlete_env(emulator.base_url, service), service["id"])
    check_failure_answer(server, ["A458101", "A001101", "resultMessage", service["token"]])
    assert server.stop(signal.SIGINT) == 0
    assert "server_example: authlete: AUTHLETE_ERR_" in server.stderr() and service["token"] not in server.stderr()


def test_an_unreachable_authlete(emulator, launcher, unused_port):
    server = start(launcher, authlete_env(f"http://127.0.0.1:{unused_port}", {"token": "t"}), "1000")
    check_failure_answer(server, [])
    assert server.stop() == 0
    assert "AUTHLETE_ERR_NETWORK" in server.stderr()
