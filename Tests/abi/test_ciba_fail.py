"""authlete_client_ciba_fail end to end against the emulator: Authlete's reason table, both API versions and both
encodings, ticket deletion, and bad input rejected before anything is sent."""
import ctypes
import json

import pytest
from conftest import API, INVALID_ARGUMENT, NULL_ARGUMENT, OK, PROTOCOL
from test_names_and_requests import ACTIONS, REASONS

SUCCESS_MESSAGE = "[A185001] Successfully generated an error response for the backchannel authentication request."


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_every_reason_gives_the_facts_table(abi, emulator, service, client_for, reason):
    value, error, action, http_status = REASONS[reason]
    ticket = emulator.new_ticket(service["id"])
    status, body = abi.fail(client_for(service), service["id"], {"ticket": ticket, "reason": reason})
    assert status == OK, abi.last_error()
    assert abi.last_error() == ""
    parsed = abi.parse(body)
    assert parsed["action"] == ACTIONS[action][0]
    assert parsed["http_status"] == http_status
    assert json.loads(parsed["content"]) == {"error": error}
    assert parsed["result_code"] == "A185001"
    assert parsed["result_message"] == SUCCESS_MESSAGE
    assert not emulator.ticket_exists(ticket)


def test_omitted_reason_means_server_error(abi, emulator, service, client_for):
    status, body = abi.fail(client_for(service), service["id"], {"ticket": emulator.new_ticket(service["id"])})
    assert status == OK
    parsed = abi.parse(body)
    assert (parsed["action"], parsed["http_status"]) == (1, 500)
    assert json.loads(parsed["content"]) == {"error": "server_error"}


def test_description_and_uri_reach_response_content(abi, emulator, service, client_for):
    description = 'Unknown "user" \\ caf\u00e9 \u2603'
    status, body = abi.fail(client_for(service), service["id"], {
        "ticket": emulator.new_ticket(service["id"]), "reason": "UNKNOWN_USER_ID",
        "errorDescription": description, "errorUri": "https://as.example/errors/unknown-user"})
    assert status == OK
    assert json.loads(abi.parse(body)["content"]) == {
        "error": "unknown_user_id", "error_description": description,
        "error_uri": "https://as.example/errors/unknown-user"}


def test_form_encoding_gives_the_same_answer(abi, emulator, service, client_for):
    ticket = emulator.new_ticket(service["id"])
    status, body = abi.fail(client_for(service, requestEncoding="form"), service["id"], {
        "ticket": ticket, "reason": "INVALID_BINDING_MESSAGE", "errorDescription": "a&b=c d+e/\u00e9"})
    assert status == OK, abi.last_error()
    parsed = abi.parse(body)
    assert (parsed["action"], parsed["http_status"]) == (2, 400)
    assert json.loads(parsed["content"]) == {"error": "invalid_binding_message", "error_description": "a&b=c d+e/\u00e9"}
    assert not emulator.ticket_exists(ticket)


def test_api_v2_uses_basic_credentials_on_the_legacy_path(abi, emulator, service):
    client = abi.client({"baseUrl": emulator.base_url, "apiVersion": 2, "apiKey": service["id"],
                         "apiSecret": service["apiSecret"]})
    try:
        ticket = emulator.new_ticket(service["id"])
        status, body = abi.fail(client, service["id"], {"ticket": ticket, "reason": "ACCESS_DENIED"})
        assert status == OK, abi.last_error()
        assert abi.parse(body)["http_status"] == 403
        assert not emulator.ticket_exists(ticket)
        assert abi.fail(client, "1", {"ticket": "x"}) == (INVALID_ARGUMENT, None)
        assert abi.last_error() == "with apiVersion 2 the service id must equal the apiKey"
    finally:
        abi.lib.authlete_client_free(client)


def test_a_ticket_of_another_service_is_not_deleted(abi, emulator, service, client_for):
    other = emulator.new_service()
    ticket = emulator.new_ticket(other["id"])
    assert abi.fail(client_for(service), service["id"], {"ticket": ticket, "reason": "ACCESS_DENIED"})[0] == OK
    assert emulator.ticket_exists(ticket)


@pytest.mark.parametrize("service_id", ["10/00", "..", "", "1000?x=1", "1000#f", "%2F", "caf\u00e9", "1" * 129])
def test_service_ids_that_could_change_the_path_are_refused_before_sending(abi, emulator, client_for, service_id):
    service = emulator.new_service()
    before = emulator.stats()["requests"]
    assert abi.fail(client_for(service), service_id, {"ticket": "t"}) == (INVALID_ARGUMENT, None)
    assert emulator.stats()["requests"] == before


@pytest.mark.parametrize("request_body, fragment", [
    ('{"ticket":"t","reason":"NOPE"}', 'unknown reason "NOPE"'),
    ('{"ticket":5}', '"ticket" must be a string, not a number'),
    ('{"ticket":"t","extra":"x"}', 'unknown key "extra"'),
    ('"just a string"', "not a JSON object"),
    ("{", "not valid JSON"),
])
def test_malformed_requests_are_refused(abi, emulator, service, client_for, request_body, fragment):
    assert abi.fail(client_for(service), service["id"], request_body) == (INVALID_ARGUMENT, None)
    assert fragment in abi.last_error()


def test_null_arguments(abi, service, client_for):
    client = client_for(service)
    assert abi.fail(client, None, {"ticket": "t"}) == (NULL_ARGUMENT, None)
    assert abi.last_error() == "service_id is NULL"
    assert abi.fail(client, service["id"], None) == (NULL_ARGUMENT, None)
    assert abi.lib.authlete_client_ciba_fail(client, b"1000", b"{}", None) == NULL_ARGUMENT


def test_invalid_utf8_is_refused(abi, service, client_for):
    import ctypes

    out = ctypes.c_void_p(0xDEAD)
    status = abi.lib.authlete_client_ciba_fail(client_for(service), service["id"].encode(), b'{"ticket":"\xff"}',
                                               ctypes.byref(out))
    assert (status, out.value) == (INVALID_ARGUMENT, None)


def test_authlete_errors_hand_out_the_body(abi, emulator, service, client_for):
    wrong = dict(service, token="not-the-token")
    status, body = abi.fail(client_for(wrong), service["id"], {"ticket": "t"})
    assert status == API
    assert json.loads(body)["resultCode"] == "A458101"
    assert abi.last_error().startswith("Authlete answered HTTP 401 A458101")
    assert "not-the-token" not in abi.last_error()


def test_unknown_service_is_an_api_error(abi, emulator, client_for):
    service = emulator.new_service()
    status, body = abi.fail(client_for(service), "999999999", {"ticket": "t"})
    assert status == API
    assert json.loads(body)["resultCode"] == "A458203"


def test_the_parse_after_a_call_reads_the_text_it_is_given(abi, emulator, service, client_for):
    """The call leaves its parsed answer for the parse of the same text (the three-call path); another text, or the
    same text under another endpoint's schema, is read as it is."""
    status, body = abi.fail(client_for(service), service["id"], {"ticket": emulator.new_ticket(service["id"]),
                                                                 "reason": "ACCESS_DENIED"})
    assert status == OK, abi.last_error()
    other = body.replace("access_denied", "expired_login_hint_token")
    assert other != body
    assert json.loads(abi.parse(other)["content"]) == {"error": "expired_login_hint_token"}
    status, _ = abi.fail(client_for(service), service["id"], {"ticket": emulator.new_ticket(service["id"]),
                                                              "reason": "ACCESS_DENIED"})
    response = ctypes.c_void_p(0xDEAD)
    assert abi.lib.authlete_ciba_issue_response_parse(body.encode(), ctypes.byref(response)) == PROTOCOL
    assert response.value is None
    assert "unknown action \"FORBIDDEN\"" in abi.last_error()
    parsed = abi.parse(body)
    assert (parsed["action"], parsed["http_status"], parsed["result_code"]) == (3, 403, "A185001")
    assert json.loads(parsed["content"]) == {"error": "access_denied"}
