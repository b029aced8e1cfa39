"""The 0.2 functions that need no Authlete: enum names, action -> HTTP status, response parsing with every
getter, request builders, NULL and bad arguments. Expected values come from Authlete's documented CIBA
API and the ABI contract of 0.2, never from the library's output."""
import ctypes
import json

import pytest

from authlete_ciba import _native
from conftest import INVALID_ARGUMENT, NULL_ARGUMENT, OK, PROTOCOL


def test_shared_enum_names(abi):
    lib = abi.lib
    assert [lib.authlete_ciba_delivery_mode_name(v) for v in (1, 2, 3)] == [b"POLL", b"PING", b"PUSH"]
    assert [lib.authlete_ciba_hint_type_name(v) for v in (1, 2, 3)] == [b"LOGIN_HINT", b"LOGIN_HINT_TOKEN",
                                                                         b"ID_TOKEN_HINT"]
    assert [lib.authlete_ciba_complete_result_name(v) for v in (1, 2, 3)] == [b"AUTHORIZED", b"ACCESS_DENIED",
                                                                               b"TRANSACTION_FAILED"]
    for function in (lib.authlete_ciba_delivery_mode_name, lib.authlete_ciba_hint_type_name,
                     lib.authlete_ciba_complete_result_name):
        assert [function(v) for v in (0, 4, -1, 2**31 - 1)] == [None] * 4


@pytest.mark.parametrize("endpoint, actions", [
    ("authentication", [("INTERNAL_SERVER_ERROR", 500), ("BAD_REQUEST", 400), ("UNAUTHORIZED", 401),
                        ("USER_IDENTIFICATION", 0)]),
    ("issue", [("INTERNAL_SERVER_ERROR", 500), ("INVALID_TICKET", 500), ("OK", 200)]),
    ("complete", [("SERVER_ERROR", None), ("NO_ACTION", None), ("NOTIFICATION", None)]),
])
def test_action_names_and_http_statuses(abi, endpoint, actions):
    name = getattr(abi.lib, f"authlete_ciba_{endpoint}_action_name")
    status = getattr(abi.lib, f"authlete_ciba_{endpoint}_action_http_status", None)
    for value, (expected_name, expected_status) in enumerate(actions, start=1):
        assert name(value).decode() == expected_name
        if expected_status is not None:
            assert status(value) == expected_status
    for outside in (0, len(actions) + 1, -1):
        assert name(outside) is None
        if status is not None:
            assert status(outside) == 0
    assert (status is None) == (endpoint == "complete")  # /complete has no status for the client


USER_IDENTIFICATION = {
    "resultCode": "A179001",
    "resultMessage": "[A179001] The backchannel authentication request was processed successfully.",
    "action": "USER_IDENTIFICATION", "ticket": "NFIHGx_btVrWmtAD093D-87JxvT4DAtuijEkLVHbS4Q",
    "clientId": 26862190133482, "clientIdAlias": "my-client", "clientIdAliasUsed": True, "clientName": "My Client",
    "clientAuthMethod": "CLIENT_SECRET_BASIC", "deliveryMode": "POLL",
    "scopes": [{"name": "openid", "defaultEntry": False, "description": None, "descriptions": None},
               {"name": "email", "attributes": [{"key": "k", "value": "v"}]}],
    "claimNames": ["email", "email_verified"], "acrs": ["urn:example:acr:low"], "hintType": "LOGIN_HINT",
    "hint": "john", "userCode": "my-user-code", "userCodeRequired": True, "bindingMessage": "Transfer #42",
    "requestedExpiry": 120, "clientNotificationToken": "my-client-notification-token",
    "authorizationDetails": {"elements": [{"type": "payment_initiation", "amount": 9007199254740993}]},
    "resources": ["https://rs.example.com"], "warnings": [], "gmAction": "CREATE", "grantSubject": None,
    "serviceAttributes": [{"key": "a", "value": "b"}], "attestationChallenge": "abc", "aMemberOfTomorrow": {"x": 1},
}


def test_parses_a_user_identification_answer_with_every_getter(abi):
    status, values = abi.parse_ciba("authentication", json.dumps(USER_IDENTIFICATION, indent=2))
    assert status == OK, abi.last_error()
    assert values["action"] == 4 and values["http_status"] == 0
    assert values["result_code"] == "A179001"
    assert values["ticket"] == "NFIHGx_btVrWmtAD093D-87JxvT4DAtuijEkLVHbS4Q"
    assert values["client_id"] == 26862190133482
    assert (values["client_id_alias"], values["client_id_alias_used"], values["client_name"]) == ("my-client", 1, "My Client")
    assert values["client_auth_method"] == "CLIENT_SECRET_BASIC"
    assert values["delivery_mode"] == 1
    assert values["scope"] == ["openid", "email"]
    assert values["claim_name"] == ["email", "email_verified"]
    assert values["acr"] == ["urn:example:acr:low"]
    assert (values["hint_type"], values["hint"], values["sub"]) == (1, "john", None)
    assert (values["user_code"], values["user_code_required"]) == ("my-user-code", 1)
    assert values["binding_message"] == "Transfer #42"
    assert values["requested_expiry"] == 120
    assert values["client_notification_token"] == "my-client-notification-token"
    # An object member as compact JSON text, its int64 not rounded through a double.
    assert values["authorization_details"] == '{"elements":[{"type":"payment_initiation","amount":9007199254740993}]}'
    assert values["resource"] == ["https://rs.example.com"] and values["warning"] == []
    assert values["gm_action"] == "CREATE" and values["grant_subject"] is None and values["grant"] is None
    assert values["service_attributes"] == '[{"key":"a","value":"b"}]'
    assert values["attestation_challenge"] == "abc"
    assert values["content"] is None and values["client_entity_id_used"] == 0


def test_getters_of_a_null_response(abi):
    values = abi.read_ciba("authentication", ctypes.c_void_p(None), free=False)
    assert all(value in (None, 0, []) for value in values.values()), values
    abi.lib.authlete_ciba_authentication_response_free(None)


@pytest.mark.parametrize("client_id", [9007199254740993, 2**63 - 1, -2**63])
def test_int64_members_are_exact_over_the_whole_range(abi, client_id):
    body = '{"action":"NO_ACTION","clientId":%d,"accessTokenDuration":%d}' % (client_id, client_id)
    status, values = abi.parse_ciba("complete", body)
    assert status == OK, abi.last_error()
    assert values["client_id"] == client_id and values["access_token_duration"] == client_id


@pytest.mark.parametrize("endpoint, body", [
    ("complete", '{"action":"NO_ACTION","clientId":9223372036854775808}'),   # outside int64
    ("complete", '{"action":"NO_ACTION","clientId":1.5}'),
    ("complete", '{"action":"NO_ACTION","clientId":"26862190133482"}'),
    ("issue", '{"action":"OK","expiresIn":"3600"}'),
    ("issue", '{"action":"OK","authReqId":7}'),
    ("authentication", '{"action":"USER_IDENTIFICATION","scopes":["openid"]}'),  # scopes are objects
    ("authentication", '{"action":"USER_IDENTIFICATION","claimNames":"email"}'),
    ("authentication", '{"action":"USER_IDENTIFICATION","userCodeRequired":"true"}'),
    ("authentication", '{"action":"USER_IDENTIFICATION","authorizationDetails":"x"}'),
    ("issue", '{"action":"TEAPOT"}'),
    ("issue", '{"resultCode":"A183001"}'),
    ("complete", '[]'),
    ("complete", 'not json'),
])
def test_refuses_answers_that_break_the_contract(abi, endpoint, body):
    assert abi.parse_ciba(endpoint, body) == (PROTOCOL, None)


def test_nulls_read_as_absent(abi):
    status, values = abi.parse_ciba("issue", '{"action":"INVALID_TICKET","authReqId":null,"expiresIn":null,'
                                             '"responseContent":"{\\"error\\":\\"invalid_ticket\\"}"}')
    assert status == OK
    assert (values["action"], values["http_status"], values["auth_req_id"], values["expires_in"]) == (2, 500, None, 0)
    assert json.loads(values["content"]) == {"error": "invalid_ticket"}


def test_parse_null_arguments(abi):
    out = ctypes.c_void_p(0xDEAD)
    assert abi.lib.authlete_ciba_issue_response_parse(None, ctypes.byref(out)) == NULL_ARGUMENT and out.value is None
    assert abi.lib.authlete_ciba_issue_response_parse(b"{}", None) == NULL_ARGUMENT


def request_json(abi, parameters, authorization=None, certificate=None):
    out = ctypes.c_void_p(0xDEAD)
    status = abi.lib.authlete_ciba_authentication_request_json(
        _native.encode(parameters), _native.encode(authorization), _native.encode(certificate), ctypes.byref(out))
    return status, _native.take_string(abi.lib, out)


def test_authentication_request_from_what_the_client_sent(abi):
    # The Basic header's two halves become clientId and clientSecret (authlete-java-common's BasicCredentials).
    basic = "Basic MjY4NjIxOTAxMzM0ODI6c2VjcmV0OndpdGg6Y29sb25z"  # base64("26862190133482:secret:with:colons")
    status, text = request_json(abi, "login_hint=john&scope=openid", basic, "-----BEGIN CERTIFICATE-----\nMII\n")
    assert status == OK
    assert json.loads(text) == {"parameters": "login_hint=john&scope=openid", "clientId": "26862190133482",
                                "clientSecret": "secret:with:colons",
                                "clientCertificate": "-----BEGIN CERTIFICATE-----\nMII\n"}
    # Only a Basic header gives credentials; parameters are sent verbatim, also when empty.
    assert json.loads(request_json(abi, "", "Bearer abc")[1]) == {"parameters": ""}
    assert json.loads(request_json(abi, "a=b", "bAsIc  YSUyMGI6YyUzRA==  ")[1]) == {
        "parameters": "a=b", "clientId": "a%20b", "clientSecret": "c%3D"}  # not form-urldecoded
    assert request_json(abi, None) == (NULL_ARGUMENT, None)


def test_invalid_utf8_is_refused(abi):
    out = ctypes.c_void_p(0xDEAD)
    status = abi.lib.authlete_ciba_authentication_request_json(b"a=\xff", None, None, ctypes.byref(out))
    assert status == INVALID_ARGUMENT and out.value is None


def test_the_process_wide_fail_reports_null_arguments_before_reading_the_environment(abi, monkeypatch):
    for name in ("AUTHLETE_BEARER", "AUTHLETE_SERVICE_ACCESSTOKEN", "AUTHLETE_SERVICE_APIKEY", "AUTHLETE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    out = ctypes.c_void_p(0xDEAD)
    assert abi.lib.authlete_ciba_fail(None, b'{"ticket":"t"}', ctypes.byref(out)) == NULL_ARGUMENT
    assert out.value is None and abi.last_error() == "service_id is NULL"
    assert abi.lib.authlete_ciba_fail(b"1000", None, ctypes.byref(out)) == NULL_ARGUMENT
    assert abi.last_error() == "request_json is NULL"
