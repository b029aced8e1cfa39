"""The Client's configuration, lifecycle and thread safety."""
from __future__ import annotations

import json
import threading

import pytest

from authlete_ciba import Client, ConfigError, FailAction, FailReason, InvalidArgumentError


@pytest.mark.parametrize("settings", [
    {"base_url": "ftp://127.0.0.1", "token": "t"},
    {"base_url": "http://127.0.0.1:9/api", "token": "t"},  # the client appends /api itself
    {"base_url": "http://127.0.0.1:9"},  # no credentials
    {"base_url": "http://127.0.0.1:9", "token": "t", "api_version": 4},
    {"base_url": "http://127.0.0.1:9", "token": "t", "timeout_ms": 0},
    {"base_url": "http://127.0.0.1:9", "token": "t", "request_encoding": "xml"},
    {"region": "mars", "token": "t"},
    {"base_url": "http://127.0.0.1:9", "api_version": 2, "api_key": "1000"},  # no secret
    {"base_url": "http://127.0.0.1:9", "token": "t", "ca_file": "/nonexistent/ca.pem"},
])
def test_bad_configuration_raises_config_error(settings):
    with pytest.raises(ConfigError) as raised:
        Client(**settings)
    assert raised.value.status == 3 and raised.value.detail


def test_the_error_detail_never_holds_the_token():
    with pytest.raises(ConfigError) as raised:
        Client(base_url="ftp://127.0.0.1", token="secret-token-xyz")
    assert "secret-token-xyz" not in str(raised.value)


def test_region_picks_the_base_url_and_repr_hides_the_token():
    with Client(region="jp", token="secret-token-xyz") as client:
        assert client.base_url == "https://jp.authlete.com"
        assert "secret-token-xyz" not in repr(client) and "jp.authlete.com" in repr(client)


def test_from_environment(monkeypatch, emulator, service):
    monkeypatch.setenv("AUTHLETE_BASE_URL", emulator.base_url)
    monkeypatch.setenv("AUTHLETE_BEARER", service["token"])
    with Client.from_environment() as client:
        assert client.base_url == emulator.base_url
        answer = client.ciba_fail(service["id"], reason=FailReason.INVALID_TARGET)
    assert answer.action is FailAction.BAD_REQUEST and json.loads(answer.response_content) == {"error": "invalid_target"}


def test_from_an_empty_environment_is_a_config_error(monkeypatch):
    for name in ("AUTHLETE_BASE_URL", "AUTHLETE_BEARER", "AUTHLETE_SERVICE_ACCESSTOKEN", "AUTHLETE_API_VERSION",
                 "AUTHLETE_SERVICE_APIKEY", "AUTHLETE_SERVICE_APISECRET", "AUTHLETE_TIMEOUT_MS"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError):
        Client.from_environment()


def test_a_closed_client_refuses_calls_and_close_is_idempotent(emulator, service):
    client = Client(base_url=emulator.base_url, token=service["token"])
    with client:
        assert not client.closed
    assert client.closed
    client.close()
    with pytest.raises(ValueError, match="closed"):
        client.ciba_fail(service["id"])
    assert "closed" in repr(client)


def test_input_is_checked_before_anything_is_sent(client, emulator, service):
    ticket = emulator.new_ticket(service["id"])
    first = emulator.stats()["requests"]
    second = emulator.stats()["requests"]  # second - first: what a stats call itself counts
    with pytest.raises(InvalidArgumentError):
        client.ciba_fail(service["id"], ticket=ticket, reason="NOPE")
    with pytest.raises(InvalidArgumentError):
        client.ciba_fail("a/b", ticket=ticket, reason="ACCESS_DENIED")
    assert emulator.stats()["requests"] - second == second - first
    assert emulator.ticket_exists(ticket)


def test_many_threads_share_one_client(client, emulator, service):
    """8 threads x 25 calls on one Client (ctypes releases the GIL: the calls overlap), each checked."""
    reasons = list(FailReason)
    failures = []

    def work(index):
        for call in range(25):
            reason = reasons[(index + call) % len(reasons)]
            try:
                answer = client.ciba_fail(service["id"], reason=reason)
                assert json.loads(answer.response_content)["error"] == reason.name.lower()
            except Exception as error:  # collected: an assert in a thread would be lost
                failures.append(repr(error))

    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


def test_close_waits_for_calls_in_progress(emulator):
    """close() from another thread while a call runs: the call finishes, then the client is freed."""
    slow = emulator.new_service(fault="delay=500")
    client = Client(base_url=emulator.base_url, token=slow["token"])
    results = []
    caller = threading.Thread(target=lambda: results.append(client.ciba_fail(slow["id"], reason="ACCESS_DENIED")))
    caller.start()
    for _ in range(200):  # until the call is in progress (10 s at most)
        if client._calls:
            break
        threading.Event().wait(0.05)
    client.close()
    caller.join(timeout=30)
    assert len(results) == 1 and results[0].http_status == 403 and client.closed
