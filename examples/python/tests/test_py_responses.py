"""The typed answers as responses.read makes them (no emulator needed): every field of each class is set, the
object is what the dataclass's own constructor makes, and it stays frozen."""
from __future__ import annotations

import dataclasses
import json

import pytest

from authlete_ciba import (AuthenticationAction, AuthenticationResponse, CompleteAction, CompleteResponse,
                           DeliveryMode, IssueAction, IssueResponse, ProtocolError, responses)

# Authlete's documented /issue answer for an accepted request.
ISSUE_OK = json.dumps({
    "resultCode": "A183001", "resultMessage": "[A183001] An auth_req_id was issued successfully.", "action": "OK",
    "responseContent": '{"auth_req_id":"r1","interval":5,"expires_in":600}', "authReqId": "r1", "expiresIn": 600,
    "interval": 5})


@pytest.mark.parametrize("cls, body", [
    (AuthenticationResponse, '{"action":"BAD_REQUEST","responseContent":"{\\"error\\":\\"invalid_request\\"}"}'),
    (IssueResponse, ISSUE_OK),
    (CompleteResponse, '{"action":"NO_ACTION","deliveryMode":"POLL","clientId":9007199254740993}'),
])
def test_every_field_is_set_and_the_object_is_the_constructors(cls, body):
    made = responses.read(cls, body)
    fields = {field.name: getattr(made, field.name) for field in dataclasses.fields(cls)}
    assert made == cls(**fields)
    assert repr(made) == repr(cls(**fields))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.action = None  # type: ignore[misc]


def test_values_are_typed_as_the_facts_say():
    issued = responses.read(IssueResponse, ISSUE_OK)
    assert issued.action is IssueAction.OK and issued.http_status == 200
    assert (issued.auth_req_id, issued.expires_in, issued.interval) == ("r1", 600, 5)
    denied = responses.read(AuthenticationResponse, '{"action":"UNAUTHORIZED","scopes":[{"name":"openid"},{}]}')
    assert denied.action is AuthenticationAction.UNAUTHORIZED and denied.http_status == 401
    assert denied.scopes == ("openid", "") and denied.claim_names == () and denied.user_code_required is False
    done = responses.read(CompleteResponse, '{"action":"NOTIFICATION","deliveryMode":"PUSH","clientId":5}')
    assert done.action is CompleteAction.NOTIFICATION and done.delivery_mode is DeliveryMode.PUSH
    assert done.client_id == 5 and done.access_token_duration == 0
    # A delivery mode this version does not know reads as None.
    assert responses.read(CompleteResponse, '{"action":"NO_ACTION","deliveryMode":"CARRIER_PIGEON"}').delivery_mode is None


@pytest.mark.parametrize("body", ['{"action":"TEAPOT"}', '{"resultCode":"A183001"}', "[]", "not json"])
def test_what_is_not_an_answer_is_a_protocol_error(body):
    with pytest.raises(ProtocolError):
        responses.read(IssueResponse, body)
