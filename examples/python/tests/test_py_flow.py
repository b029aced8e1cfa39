"""BackchannelFlow and Client.ciba_decide against the emulator: the answers Authlete documents per action and
reason, with the headers every CIBA answer carries, and the notification of ping clients delivered by the
library. Expected values come from Authlete's CIBA documentation and the emulator's README defaults."""
from __future__ import annotations

import base64
import json
import os
import sys

import pytest

from authlete_ciba import (
    BackchannelFlow,
    CompleteAction,
    CompleteResult,
    FailReason,
    FlowStage,
    HTTPAnswer,
    InvalidArgumentError,
    NetworkError,
    NotificationError,
)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "Tests", "abi"))
from notification_listener import NotificationListener  # noqa: E402

POLL = (9007199254740993, "poll-secret")
HEADERS = (("Content-Type", "application/json;charset=UTF-8"), ("Cache-Control", "no-store"), ("Pragma", "no-cache"))


def basic(who) -> str:
    return "Basic " + base64.b64encode(f"{who[0]}:{who[1]}".encode()).decode()


def test_accept_gives_200_with_the_auth_req_id(client, service):
    with BackchannelFlow(client, service["id"]) as flow:
        assert flow.start("login_hint=john&scope=openid", basic(POLL)) is FlowStage.IDENTIFY_USER
        assert flow.request.hint == "john" and flow.request.ticket
        answer = flow.accept()
        assert isinstance(answer, HTTPAnswer) and (answer.status, answer.headers) == (200, HEADERS)
        body = json.loads(answer.body)
        assert (body["expires_in"], body["interval"]) == (600, 5)
        assert flow.issue.auth_req_id == body["auth_req_id"] and flow.error is None


@pytest.mark.parametrize("reason, status, error", [(FailReason.UNKNOWN_USER_ID, 400, "unknown_user_id"),
                                                   (FailReason.ACCESS_DENIED, 403, "access_denied"),
                                                   (FailReason.SERVER_ERROR, 500, "server_error")])
def test_reject_gives_the_reasons_answer(client, service, reason, status, error):
    with BackchannelFlow(client, service["id"]) as flow:
        flow.start("login_hint=john&scope=openid", basic(POLL))
        answer = flow.reject(reason)
        assert (answer.status, answer.headers, json.loads(answer.body)) == (status, HEADERS, {"error": error})


def test_unauthorized_carries_the_challenge(client, service):
    with BackchannelFlow(client, service["id"]) as flow:
        assert flow.start("login_hint=john&scope=openid", basic((POLL[0], "wrong"))) is FlowStage.ANSWERED
        assert flow.answer.status == 401
        assert flow.answer.headers == HEADERS + (("WWW-Authenticate", 'Basic realm="backchannel/authentication"'),)


def test_a_failure_is_kept_for_the_log_and_the_client_gets_server_error(emulator, unused_port):
    from authlete_ciba import Client
    with Client(base_url=f"http://127.0.0.1:{unused_port}", token="t") as unreachable:
        with BackchannelFlow(unreachable, "1000") as flow:
            assert flow.start("login_hint=john&scope=openid") is FlowStage.ANSWERED
            assert flow.answer == HTTPAnswer(500, HEADERS, '{"error":"server_error"}')
            assert isinstance(flow.error, NetworkError)


def test_wrong_use_raises_and_changes_nothing(client, service):
    with BackchannelFlow(client, service["id"]) as flow:
        with pytest.raises(InvalidArgumentError):
            flow.accept()
        assert flow.stage is FlowStage.NEW and flow.answer is None
        with pytest.raises(TypeError):
            flow.reject(9)  # type: ignore[arg-type]


def test_decide_notifies_a_ping_client(client, emulator, service):
    listener = NotificationListener(204)
    try:
        status, _ = emulator.admin("PUT", f"/_emulator/services/{service['id']}/clients/7002",
                                   {"clientSecret": "s", "deliveryMode": "PING", "notificationEndpoint": listener.url})
        assert status == 201
        with BackchannelFlow(client, service["id"]) as flow:
            flow.start("login_hint=john&scope=openid&client_notification_token=tok-1", basic((7002, "s")))
            auth_req_id = json.loads(flow.accept().body)["auth_req_id"]
            ticket = flow.request.ticket
        decision = client.ciba_decide(service["id"], ticket, CompleteResult.AUTHORIZED, "john", auth_time=1767225600)
        assert decision.response.action is CompleteAction.NOTIFICATION and decision.notification_status == 204
        assert [json.loads(r["body"]) for r in listener.received] == [{"auth_req_id": auth_req_id}]
        assert listener.received[0]["headers"]["Authorization"] == "Bearer tok-1"
    finally:
        listener.close()


def test_decide_reports_an_undelivered_notification(client, emulator, service, unused_port):
    status, _ = emulator.admin("PUT", f"/_emulator/services/{service['id']}/clients/7003",
                               {"clientSecret": "s", "deliveryMode": "PING",
                                "notificationEndpoint": f"http://127.0.0.1:{unused_port}/cb"})
    assert status == 201
    with BackchannelFlow(client, service["id"]) as flow:
        flow.start("login_hint=john&scope=openid&client_notification_token=tok-2", basic((7003, "s")))
        flow.accept()
        ticket = flow.request.ticket
    with pytest.raises(NotificationError) as raised:
        client.ciba_decide(service["id"], ticket, CompleteResult.ACCESS_DENIED)
    assert raised.value.http_status == 0 and raised.value.response.action is CompleteAction.NOTIFICATION


def test_decide_for_a_poll_client_sends_nothing(client, service):
    with BackchannelFlow(client, service["id"]) as flow:
        flow.start("login_hint=john&scope=openid", basic(POLL))
        flow.accept()
        ticket = flow.request.ticket
    decision = client.ciba_decide(service["id"], ticket, CompleteResult.TRANSACTION_FAILED)
    assert (decision.response.action, decision.notification_status) == (CompleteAction.NO_ACTION, 0)


def test_a_second_answer_is_refused(client, service):
    with BackchannelFlow(client, service["id"]) as flow:
        flow.start("login_hint=john&scope=openid", basic(POLL))
        flow.reject(FailReason.ACCESS_DENIED)
        with pytest.raises(InvalidArgumentError):
            flow.accept()
        assert flow.answer.status == 403 and flow.error is None
