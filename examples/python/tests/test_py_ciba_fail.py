"""Client.ciba_fail against the emulator: the facts table exactly, v2 and v3, JSON and form, bad input, errors."""
from __future__ import annotations

import json

import pytest

from authlete_ciba import (
    ApiError, Client, FailAction, FailReason, FailResponse, InvalidArgumentError, NetworkError, NullArgumentError,
)
from testing_support import REASONS, RESULT_CODE, RESULT_MESSAGE


@pytest.mark.parametrize("reason", list(REASONS))
def test_every_reason_gives_the_facts_table(client, emulator, service, reason):
    error, action, status = REASONS[reason]
    ticket = emulator.new_ticket(service["id"])
    answer = client.ciba_fail(service["id"], ticket=ticket, reason=FailReason[reason])
    assert answer == FailResponse(action=FailAction[action], http_status=status,
                                  response_content=answer.response_content, result_code=RESULT_CODE,
                                  result_message=RESULT_MESSAGE)
    assert json.loads(answer.response_content) == {"error": error}
    assert not emulator.ticket_exists(ticket)  # Authlete deleted it


def test_a_reason_by_name_and_with_description_and_uri(client, service):
    answer = client.ciba_fail(service["id"], reason="INVALID_USER_CODE", error_description="wrong code é",
                              error_uri="https://as.example/errors#code")
    assert answer.http_status == 400 and answer.action is FailAction.BAD_REQUEST
    assert json.loads(answer.response_content) == {"error": "invalid_user_code", "error_description": "wrong code é",
                                                   "error_uri": "https://as.example/errors#code"}


def test_no_reason_means_server_error(client, emulator, service):
    ticket = emulator.new_ticket(service["id"])
    answer = client.ciba_fail(service["id"], ticket=ticket)
    assert (answer.action, answer.http_status) == (FailAction.INTERNAL_SERVER_ERROR, 500)
    assert json.loads(answer.response_content) == {"error": "server_error"}
    assert not emulator.ticket_exists(ticket)


def test_another_services_ticket_is_left_alone(client, emulator, service):
    other = emulator.new_service()
    ticket = emulator.new_ticket(other["id"])
    client.ciba_fail(service["id"], ticket=ticket, reason=FailReason.ACCESS_DENIED)
    assert emulator.ticket_exists(ticket)


def test_an_integer_service_id(client, service):
    assert client.ciba_fail(int(service["id"]), reason=FailReason.ACCESS_DENIED).http_status == 403


def test_the_service_ids_encoded_once_stay_exact(client, service):
    """The client keeps the bytes of the str service ids it has seen: an int, 1.0 or True must not find them."""
    text_id = service["id"]
    assert client.ciba_fail(text_id, reason=FailReason.ACCESS_DENIED).http_status == 403
    assert client.ciba_fail(int(text_id), reason=FailReason.ACCESS_DENIED).http_status == 403
    for wrong in (float(text_id), True):
        with pytest.raises(TypeError):
            client.ciba_fail(wrong, reason=FailReason.ACCESS_DENIED)
    for _ in range(2):  # refused by the library every time, cached or not
        with pytest.raises(InvalidArgumentError):
            client.ciba_fail("10/00", reason=FailReason.ACCESS_DENIED)


def test_api_v2_with_basic_credentials(emulator, service):
    with Client(base_url=emulator.base_url, api_version=2, api_key=service["id"],
                api_secret=service["apiSecret"]) as client:
        answer = client.ciba_fail(service["id"], reason=FailReason.UNAUTHORIZED_CLIENT)
    assert (answer.action, answer.http_status) == (FailAction.BAD_REQUEST, 400)
    assert json.loads(answer.response_content) == {"error": "unauthorized_client"}


def test_form_encoded_requests(emulator, service):
    with Client(base_url=emulator.base_url, token=service["token"], request_encoding="form") as client:
        ticket = emulator.new_ticket(service["id"])
        answer = client.ciba_fail(service["id"], ticket=ticket, reason=FailReason.EXPIRED_LOGIN_HINT_TOKEN,
                                  error_description="a b&c=d")
    assert json.loads(answer.response_content) == {"error": "expired_login_hint_token", "error_description": "a b&c=d"}
    assert not emulator.ticket_exists(ticket)


@pytest.mark.parametrize("service_id", ["", "10/00", "../1000", "1000?x=1", "a b", "%2F", "x" * 129])
def test_service_ids_that_could_change_the_path_are_refused(client, service_id):
    with pytest.raises(InvalidArgumentError) as raised:
        client.ciba_fail(service_id, reason=FailReason.ACCESS_DENIED)
    assert raised.value.status == 2


def test_a_none_service_id_is_a_null_argument(client):
    with pytest.raises(NullArgumentError) as raised:
        client.ciba_fail(None)
    assert raised.value.status == 1 and isinstance(raised.value, ValueError)


def test_an_unknown_reason_is_refused(client, service):
    with pytest.raises(InvalidArgumentError, match="BOGUS"):
        client.ciba_fail(service["id"], reason="BOGUS")


def test_a_token_pasted_as_the_reason_is_refused_without_echoing_it(emulator, service):
    with Client(base_url=emulator.base_url, token=service["token"]) as client:
        with pytest.raises(InvalidArgumentError) as raised:
            client.ciba_fail(service["id"], ticket="t", reason=service["token"])
    assert raised.value.status == 2
    assert service["token"] not in str(raised.value) and service["token"] not in raised.value.detail


def test_a_wrong_token_is_an_api_error_with_authletes_result(emulator, service):
    with Client(base_url=emulator.base_url, token="not-the-token") as client:
        with pytest.raises(ApiError) as raised:
            client.ciba_fail(service["id"], reason=FailReason.ACCESS_DENIED)
    error = raised.value
    assert error.status == 6 and error.http_status == 401 and error.result_code == "A458101"
    assert json.loads(error.body)["resultCode"] == "A458101" and error.result_message.startswith("[A458101]")
    assert "not-the-token" not in str(error)


def test_an_unknown_service_is_an_api_error(client):
    with pytest.raises(ApiError) as raised:
        client.ciba_fail("999999999", reason=FailReason.ACCESS_DENIED)
    assert raised.value.http_status == 403 and raised.value.result_code == "A458203"


def test_an_unreachable_authlete_is_a_network_error(unused_port):
    with Client(base_url=f"http://127.0.0.1:{unused_port}", token="t", connect_timeout_ms=2000) as client:
        with pytest.raises(NetworkError) as raised:
            client.ciba_fail("1000", reason=FailReason.ACCESS_DENIED)
    assert raised.value.status == 4 and isinstance(raised.value, ConnectionError)


def test_the_default_service(emulator):
    """The emulator's built-in service (id 1000, token emulator-token; v2 key 1000, secret emulator-secret)."""
    with Client(base_url=emulator.base_url, token="emulator-token") as v3, \
            Client(base_url=emulator.base_url, api_version=2, api_key="1000", api_secret="emulator-secret") as v2:
        assert v3.ciba_fail("1000", reason=FailReason.ACCESS_DENIED).http_status == 403
        assert v2.ciba_fail("1000", reason=FailReason.MISSING_USER_CODE).http_status == 400
