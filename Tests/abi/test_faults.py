"""Failures of the network and of Authlete, through the emulator's faults: each gives its exact status, within the
configured timeout plus a small margin, and the token never appears in the error detail."""
import json
import socket
import threading
import time

import pytest
from conftest import API, CONFIG, INVALID_ARGUMENT, NETWORK, OK, PROTOCOL, TIMEOUT

MARGIN_S = 1.5  # scheduling slack on a loaded 2-core machine


def call(abi, client, service, ticket="t"):
    started = time.monotonic()
    status, body = abi.fail(client, service["id"], {"ticket": ticket, "reason": "ACCESS_DENIED"})
    return status, body, time.monotonic() - started


@pytest.mark.parametrize("fault, expected", [
    ("status=500", API), ("status=400", API), ("status=401", API), ("status=403", API),
    ("non-json", PROTOCOL), ("no-action", PROTOCOL), ("unknown-action", PROTOCOL),
    ("oversized=2000000", PROTOCOL), ("close", NETWORK), ("close-mid", NETWORK), ("redirect", API),
])
def test_each_fault_gives_its_status_and_never_the_token(abi, emulator, client_for, fault, expected):
    service = emulator.new_service(fault=fault)
    status, body, _ = call(abi, client_for(service, timeoutMs=5000), service)
    assert status == expected, abi.last_error()
    assert service["token"] not in abi.last_error()
    assert (body is not None) == (expected == API)


def test_authlete_500_keeps_its_result_code(abi, emulator, client_for):
    service = emulator.new_service(fault="status=500")
    status, body, _ = call(abi, client_for(service), service)
    assert status == API
    assert json.loads(body)["resultCode"] == "A001101"
    assert abi.last_error().startswith("Authlete answered HTTP 500 A001101")


def test_timeout_is_bounded(abi, emulator, client_for):
    service = emulator.new_service(fault="delay=3000")
    status, body, elapsed = call(abi, client_for(service, timeoutMs=300), service)
    assert (status, body) == (TIMEOUT, None)
    assert 0.25 <= elapsed < 0.3 + MARGIN_S


def test_refused_connection_is_a_network_error(abi, unused_port):
    client = abi.client({"baseUrl": f"http://127.0.0.1:{unused_port}", "token": "secret-token-123"})
    try:
        status, body = abi.fail(client, "1000", {"ticket": "t"})
        assert (status, body) == (NETWORK, None)
        assert "could not connect" in abi.last_error()
        assert "secret-token-123" not in abi.last_error()
    finally:
        abi.lib.authlete_client_free(client)


def test_redirects_are_not_followed(abi, emulator, client_for):
    """The emulator redirects to itself: a followed redirect would be a second request there."""
    service = emulator.new_service(fault="redirect")
    before = emulator.stats()["requests"]
    status, body, _ = call(abi, client_for(service), service)
    assert status == API
    assert "redirect" in abi.last_error()
    assert emulator.stats()["requests"] == before + 1


def test_unavailable_then_ok_with_retries(abi, emulator, client_for):
    service = emulator.new_service(fault="unavailable=2,retry-after=0")
    ticket = emulator.new_ticket(service["id"])
    status, body, _ = call(abi, client_for(service, maxRetries=3), service, ticket)
    assert status == OK, abi.last_error()
    assert abi.parse(body)["http_status"] == 403
    assert not emulator.ticket_exists(ticket)


def test_unavailable_without_retries_is_an_api_error(abi, emulator, client_for):
    service = emulator.new_service(fault="unavailable=1,retry-after=0")
    status, body, _ = call(abi, client_for(service), service)
    assert status == API
    assert abi.last_error().startswith("Authlete answered HTTP 503")
    # The next call finds Authlete available again.
    assert call(abi, client_for(service), service)[0] == OK


def test_retry_after_is_honoured(abi, emulator, client_for):
    service = emulator.new_service(fault="unavailable=1,retry-after=1")
    status, _, elapsed = call(abi, client_for(service, maxRetries=1), service)
    assert status == OK, abi.last_error()
    assert 1.0 <= elapsed < 1.0 + MARGIN_S


def test_retries_give_up_when_retry_after_exceeds_the_deadline(abi, emulator, client_for):
    service = emulator.new_service(fault="unavailable=1,retry-after=5")
    status, _, elapsed = call(abi, client_for(service, maxRetries=2, timeoutMs=1000), service)
    assert status == API
    assert elapsed < 1.0


@pytest.mark.parametrize("fault", ["status=500", "status=400", "non-json", "close-mid"])
def test_what_authlete_may_have_processed_is_never_retried(abi, emulator, client_for, fault):
    service = emulator.new_service(fault=fault)
    before = emulator.stats()["requests"]
    assert call(abi, client_for(service, maxRetries=3), service)[0] != OK
    assert emulator.stats()["requests"] == before + 1


def test_connection_failures_are_retried(abi, unused_port):
    """Nothing listens, so each attempt fails to connect; with 2 retries the call takes the backoff (>= 50 + 100 ms
    at the least) and still ends with NETWORK."""
    client = abi.client({"baseUrl": f"http://127.0.0.1:{unused_port}", "token": "t", "maxRetries": 2})
    try:
        started = time.monotonic()
        assert abi.fail(client, "1000", {"ticket": "t"})[0] == NETWORK
        assert time.monotonic() - started >= 0.15
    finally:
        abi.lib.authlete_client_free(client)


def test_the_token_never_appears_in_any_error(abi, emulator, unused_port):
    """Every status a call can fail with, each checked for the token in authlete_last_error()."""
    token = "tok-SECRET-5f2c"
    service = emulator.new_service(token=token)
    cases = [
        ({"baseUrl": emulator.base_url}, service["id"], '{"ticket":"t","reason":"NOPE"}'),
        ({"baseUrl": emulator.base_url}, service["id"] + "/x", '{"ticket":"t"}'),
        ({"baseUrl": f"http://127.0.0.1:{unused_port}"}, service["id"], '{"ticket":"t"}'),
        ({"baseUrl": emulator.base_url, "timeoutMs": 200}, emulator.new_service(fault="delay=1000", token=token)["id"], '{"ticket":"t"}'),
        ({"baseUrl": emulator.base_url}, "123456789", '{"ticket":"t"}'),
        ({"baseUrl": emulator.base_url}, emulator.new_service(fault="non-json", token=token)["id"], '{"ticket":"t"}'),
    ]
    statuses = set()
    for settings, service_id, request in cases:
        client = abi.client({"token": token, **settings})
        try:
            status, _ = abi.fail(client, service_id, request)
            statuses.add(status)
            assert token not in abi.last_error()
        finally:
            abi.lib.authlete_client_free(client)
    assert statuses == {INVALID_ARGUMENT, NETWORK, TIMEOUT, API, PROTOCOL}
    assert abi.new_client({"token": token, "region": "nowhere"})[0] == CONFIG
    assert token not in abi.last_error()
