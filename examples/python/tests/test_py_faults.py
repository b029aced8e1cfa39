"""Every fault mode of the emulator, seen through authlete_ciba's exceptions."""
from __future__ import annotations

import builtins
import json
import time

import pytest

from authlete_ciba import ApiError, Client, FailReason, NetworkError, ProtocolError, TimeoutError


def call(emulator, fault, **settings):
    service = emulator.new_service(fault=fault)
    with Client(base_url=emulator.base_url, token=service["token"], **settings) as client:
        return client.ciba_fail(service["id"], reason=FailReason.ACCESS_DENIED)


def test_delay_within_the_timeout_succeeds(emulator):
    assert call(emulator, "delay=200", timeout_ms=5000).http_status == 403


def test_delay_beyond_the_timeout_is_a_timeout(emulator):
    started = time.monotonic()
    with pytest.raises(TimeoutError) as raised:
        call(emulator, "delay=3000", timeout_ms=300)
    assert time.monotonic() - started < 2.5
    assert raised.value.status == 5 and isinstance(raised.value, builtins.TimeoutError)


@pytest.mark.parametrize("status, code", [(401, "A458101"), (500, "A001101"), (400, "A001201"), (403, "A001215")])
def test_authlete_error_statuses_are_api_errors(emulator, status, code):
    with pytest.raises(ApiError) as raised:
        call(emulator, f"status={status}")
    assert (raised.value.http_status, raised.value.result_code) == (status, code)
    assert json.loads(raised.value.body) == {"resultCode": code, "resultMessage": raised.value.result_message}


def test_unavailable_without_retries_is_an_api_error(emulator):
    with pytest.raises(ApiError) as raised:
        call(emulator, "unavailable=1,retry-after=0")
    assert raised.value.http_status == 503


def test_unavailable_with_retries_succeeds(emulator):
    answer = call(emulator, "unavailable=2,retry-after=0", max_retries=3)
    assert answer.http_status == 403 and json.loads(answer.response_content) == {"error": "access_denied"}


def test_retry_after_is_honoured(emulator):
    started = time.monotonic()
    assert call(emulator, "unavailable=1,retry-after=1", max_retries=1).http_status == 403
    assert time.monotonic() - started >= 0.9


@pytest.mark.parametrize("fault", ["non-json", "no-action", "unknown-action", "oversized=2000000"])
def test_answers_that_are_not_a_fail_answer_are_protocol_errors(emulator, fault):
    with pytest.raises(ProtocolError) as raised:
        call(emulator, fault)
    assert raised.value.status == 7


@pytest.mark.parametrize("fault", ["close", "close-mid"])
def test_closed_connections_are_network_errors(emulator, fault):
    with pytest.raises(NetworkError) as raised:
        call(emulator, fault)
    assert raised.value.status == 4


def test_redirects_are_not_followed(emulator):
    with pytest.raises(ApiError) as raised:
        call(emulator, "redirect")
    assert raised.value.http_status is not None and 300 <= raised.value.http_status < 400
