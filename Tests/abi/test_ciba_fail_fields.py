"""authlete_client_ciba_fail_fields: the one-step call (fields in, parsed answer out) against the emulator."""
import ctypes
import json

import pytest
from conftest import API, INVALID_ARGUMENT, NETWORK, NULL_ARGUMENT, OK
from test_ciba_fail import SUCCESS_MESSAGE
from test_names_and_requests import ACTIONS, REASONS


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_every_reason_gives_the_facts_table(abi, emulator, service, client_for, reason):
    _, error, action, http_status = REASONS[reason]
    ticket = emulator.new_ticket(service["id"])
    status, response = abi.fail_fields(client_for(service), service["id"], ticket, reason)
    assert status == OK, abi.last_error()
    assert response == {"action": ACTIONS[action][0], "http_status": http_status,
                        "content": json.dumps({"error": error}, separators=(",", ":")),
                        "result_code": "A185001", "result_message": SUCCESS_MESSAGE}
    assert not emulator.ticket_exists(ticket)


def test_all_fields_and_form_encoding(abi, emulator, service, client_for):
    for settings in ({}, {"requestEncoding": "form"}):
        status, response = abi.fail_fields(client_for(service, **settings), service["id"], "t", "INVALID_TARGET",
                                           'a "quoted" & \u00e9', "https://as.example/e")
        assert status == OK, abi.last_error()
        assert json.loads(response["content"]) == {"error": "invalid_target", "error_description": 'a "quoted" & \u00e9',
                                                   "error_uri": "https://as.example/e"}


def test_no_reason_means_server_error(abi, service, client_for):
    status, response = abi.fail_fields(client_for(service), service["id"], "t")
    assert (status, response["http_status"], response["action"]) == (OK, 500, 1)


def test_bad_input_is_refused_before_sending(abi, emulator, service, client_for):
    client = client_for(service)
    before = emulator.stats()["requests"]
    assert abi.fail_fields(client, service["id"], "t", "NOPE") == (INVALID_ARGUMENT, None)
    assert abi.last_error() == 'unknown reason "NOPE"'
    assert abi.fail_fields(client, "a/b", "t") == (INVALID_ARGUMENT, None)
    assert abi.fail_fields(client, service["id"], "", None) == (INVALID_ARGUMENT, None)
    assert abi.fail_fields(client, service["id"], None, None, None, "not absolute") == (INVALID_ARGUMENT, None)
    assert abi.fail_fields(client, None, "t") == (NULL_ARGUMENT, None)
    assert abi.lib.authlete_client_ciba_fail_fields(client, b"1", b"t", None, None, None, None, None) == NULL_ARGUMENT
    response, error_body = ctypes.c_void_p(0xDEAD), ctypes.c_void_p(0xBEEF)
    assert abi.lib.authlete_client_ciba_fail_fields(None, b"1", None, None, None, None, ctypes.byref(response),
                                                    ctypes.byref(error_body)) == NULL_ARGUMENT
    assert (response.value, error_body.value) == (None, None)
    assert emulator.stats()["requests"] == before


def test_errors_leave_out_null_and_never_show_the_token(abi, emulator, client_for, unused_port):
    service = emulator.new_service(fault="status=500")
    status, body = abi.fail_fields(client_for(service), service["id"], "t", "ACCESS_DENIED")
    assert status == API
    assert json.loads(body)["resultCode"] == "A001101"  # Authlete's documented 500: its server error
    assert abi.last_error().startswith("Authlete answered HTTP 500 A001101")
    token = "pasted-token-0123456789"
    client = abi.client({"baseUrl": f"http://127.0.0.1:{unused_port}", "token": token})
    try:
        assert abi.fail_fields(client, "1000", "t", token) == (INVALID_ARGUMENT, None)
        assert token not in abi.last_error()
        assert abi.fail_fields(client, "1000", "t") == (NETWORK, None)
    finally:
        abi.lib.authlete_client_free(client)
