"""Client.ciba_authentication, ciba_issue and ciba_complete against the emulator: typed answers (frozen
dataclasses, enums) with the values Authlete documents for each step, and the same exceptions as ciba_fail."""
from __future__ import annotations

import base64
import dataclasses
import json

import pytest

from authlete_ciba import (
    ApiError,
    AuthenticationAction,
    AuthenticationResponse,
    CompleteAction,
    CompleteResult,
    DeliveryMode,
    FailReason,
    HintType,
    InvalidArgumentError,
    IssueAction,
    ProtocolError,
)

POLL_ID, POLL_SECRET = 9007199254740993, "poll-secret"  # the emulator's default poll client (2^53 + 1)
BASIC = "Basic " + base64.b64encode(f"{POLL_ID}:{POLL_SECRET}".encode()).decode()


def test_the_whole_poll_flow_typed(client, emulator, service):
    parsed = client.ciba_authentication(service["id"], "login_hint=john&scope=openid%20profile&binding_message=Hi",
                                        authorization=BASIC)
    assert isinstance(parsed, AuthenticationResponse)
    assert parsed.action is AuthenticationAction.USER_IDENTIFICATION and parsed.http_status == 0
    assert parsed.client_id == 9007199254740993 and parsed.client_id_alias == "poll-client"
    assert parsed.delivery_mode is DeliveryMode.POLL and parsed.hint_type is HintType.LOGIN_HINT
    assert parsed.hint == "john" and parsed.binding_message == "Hi" and parsed.user_code_required is False
    assert set(parsed.scopes) == {"openid", "profile"}
    # OpenID Connect Core 5.4: what the profile scope asks for.
    assert set(parsed.claim_names) == {"name", "family_name", "given_name", "middle_name", "nickname",
                                       "preferred_username", "profile", "picture", "website", "gender", "birthdate",
                                       "zoneinfo", "locale", "updated_at"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.hint = "mallory"  # type: ignore[misc]

    issued = client.ciba_issue(service["id"], parsed.ticket)
    assert issued.action is IssueAction.OK and issued.http_status == 200
    assert (issued.expires_in, issued.interval) == (600, 5)
    assert json.loads(issued.response_content) == {"auth_req_id": issued.auth_req_id, "expires_in": 600, "interval": 5}

    done = client.ciba_complete(service["id"], parsed.ticket, CompleteResult.AUTHORIZED, "john",
                                claims={"given_name": "John"}, auth_time=1700000000, scopes=["openid"])
    assert done.action is CompleteAction.NO_ACTION and done.result_code == "A198001"
    assert done.client_id == 9007199254740993 and done.delivery_mode is DeliveryMode.POLL
    outcome = emulator.admin("GET", f"/_emulator/tickets/{parsed.ticket}")[1]["outcome"]
    assert outcome["subject"] == "john" and json.loads(outcome["claims"]) == {"given_name": "John"}
    assert outcome["authTime"] == 1700000000


def test_errors_come_as_actions_with_the_clients_answer(client, service):
    parsed = client.ciba_authentication(service["id"], "login_hint=john&scope=email", authorization=BASIC)
    assert parsed.action is AuthenticationAction.BAD_REQUEST and parsed.http_status == 400
    assert json.loads(parsed.response_content)["error"] == "invalid_scope"
    unknown = client.ciba_authentication(service["id"], "login_hint=john&scope=openid")  # no client at all
    assert unknown.action is AuthenticationAction.UNAUTHORIZED and unknown.http_status == 401
    assert client.ciba_issue(service["id"], "no-such-ticket").action is IssueAction.INVALID_TICKET


def test_push_notification_and_reject(client, service):
    parsed = client.ciba_authentication(
        service["id"], "login_hint=john&scope=openid&client_notification_token=tok&client_id=1003&client_secret=push-secret")
    assert parsed.delivery_mode is DeliveryMode.PUSH and parsed.client_notification_token == "tok"
    issued = client.ciba_issue(service["id"], parsed.ticket)
    done = client.ciba_complete(service["id"], parsed.ticket, "ACCESS_DENIED", error_description="no")
    assert done.action is CompleteAction.NOTIFICATION
    assert done.client_notification_endpoint == "http://127.0.0.1:9/ciba/push"
    content = json.loads(done.response_content)
    assert (content["auth_req_id"], content["error"]) == (issued.auth_req_id, "access_denied")
    # /fail after a real /backchannel/authentication.
    other = client.ciba_authentication(service["id"], "login_hint=nobody&scope=openid", authorization=BASIC)
    failed = client.ciba_fail(service["id"], other.ticket, FailReason.UNKNOWN_USER_ID)
    assert failed.http_status == 400 and json.loads(failed.response_content) == {"error": "unknown_user_id"}


def test_bad_input_raises_before_sending(client, emulator, service):
    before = emulator.stats()["requests"]
    with pytest.raises(InvalidArgumentError, match="subject is required"):
        client.ciba_complete(service["id"], "t", CompleteResult.AUTHORIZED)
    with pytest.raises(InvalidArgumentError, match='unknown result "DENIED"'):
        client.ciba_complete(service["id"], "t", "DENIED", "s")
    with pytest.raises(InvalidArgumentError):
        client.ciba_issue(service["id"], "")
    assert emulator.stats()["requests"] == before


def test_authlete_failures_raise_the_same_exceptions(emulator):
    from authlete_ciba import Client

    service = emulator.new_service(fault="status=500,on=issue")
    with Client(base_url=emulator.base_url, token=service["token"]) as client:
        with pytest.raises(ApiError) as raised:
            client.ciba_issue(service["id"], "t")
        assert raised.value.result_code == "A001101" and json.loads(raised.value.body)["resultCode"] == "A001101"
    service = emulator.new_service(fault="non-json,on=complete")
    with Client(base_url=emulator.base_url, token=service["token"]) as client:
        with pytest.raises(ProtocolError):
            client.ciba_complete(service["id"], "t", CompleteResult.ACCESS_DENIED)


def test_a_lone_surrogate_is_an_invalid_argument_before_any_request(client, service):
    """A str that is not valid Unicode cannot become the UTF-8 of a request: refused, nothing sent."""
    with pytest.raises(InvalidArgumentError):
        client.ciba_issue(service["id"], "t\ud800")
    with pytest.raises(InvalidArgumentError):
        client.ciba_complete(service["id"], "t", CompleteResult.AUTHORIZED, "j\udfff")
    with pytest.raises(InvalidArgumentError):
        client.ciba_authentication(service["id"], "login_hint=\ud800", authorization=BASIC)
