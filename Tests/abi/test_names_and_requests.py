"""Functions that need no server: names, Authlete's reason/action tables, request building, response
parsing, NULL and malformed input, and the thread-local last error."""
import ctypes
import json
import threading

import pytest
from conftest import API, INVALID_ARGUMENT, NULL_ARGUMENT, OK, PROTOCOL

from authlete_ciba import _native

# Authlete's reason table: reason -> (value in the header, error, action, HTTP status).
REASONS = {
    "ACCESS_DENIED": (1, "access_denied", "FORBIDDEN", 403),
    "EXPIRED_LOGIN_HINT_TOKEN": (2, "expired_login_hint_token", "BAD_REQUEST", 400),
    "INVALID_BINDING_MESSAGE": (3, "invalid_binding_message", "BAD_REQUEST", 400),
    "INVALID_TARGET": (4, "invalid_target", "BAD_REQUEST", 400),
    "INVALID_USER_CODE": (5, "invalid_user_code", "BAD_REQUEST", 400),
    "MISSING_USER_CODE": (6, "missing_user_code", "BAD_REQUEST", 400),
    "SERVER_ERROR": (7, "server_error", "INTERNAL_SERVER_ERROR", 500),
    "UNAUTHORIZED_CLIENT": (8, "unauthorized_client", "BAD_REQUEST", 400),
    "UNKNOWN_USER_ID": (9, "unknown_user_id", "BAD_REQUEST", 400),
}
ACTIONS = {"INTERNAL_SERVER_ERROR": (1, 500), "BAD_REQUEST": (2, 400), "FORBIDDEN": (3, 403)}


STATUS_NAMES = ["AUTHLETE_OK", "AUTHLETE_ERR_NULL_ARGUMENT", "AUTHLETE_ERR_INVALID_ARGUMENT", "AUTHLETE_ERR_CONFIG",
                "AUTHLETE_ERR_NETWORK", "AUTHLETE_ERR_TIMEOUT", "AUTHLETE_ERR_API", "AUTHLETE_ERR_PROTOCOL",
                "AUTHLETE_ERR_NO_MEMORY", "AUTHLETE_ERR_INTERNAL", "AUTHLETE_ERR_NOTIFICATION"]


def test_status_names(abi):
    # The header's values, in order; the package's table must say the same.
    assert [abi.lib.authlete_status_name(code).decode() for code in range(11)] == STATUS_NAMES == _native.STATUS_NAMES
    for other in (-1, 11, 2**31 - 1, -(2**31)):
        assert abi.lib.authlete_status_name(other) == b"AUTHLETE_ERR_UNKNOWN"


def test_reason_names_and_lookup(abi):
    for name, (value, _, _, _) in REASONS.items():
        assert abi.lib.authlete_ciba_fail_reason_name(value).decode() == name
        out = ctypes.c_int(0)
        assert abi.lib.authlete_ciba_fail_reason_from_name(name.encode(), ctypes.byref(out)) == OK
        assert out.value == value
    for outside in (0, 10, -1):
        assert abi.lib.authlete_ciba_fail_reason_name(outside) is None
    out = ctypes.c_int(42)
    assert abi.lib.authlete_ciba_fail_reason_from_name(b"access_denied", ctypes.byref(out)) == INVALID_ARGUMENT
    assert out.value == 42
    assert abi.lib.authlete_ciba_fail_reason_from_name(None, ctypes.byref(out)) == NULL_ARGUMENT
    assert abi.lib.authlete_ciba_fail_reason_from_name(b"ACCESS_DENIED", None) == NULL_ARGUMENT


def test_action_names_and_statuses(abi):
    for name, (value, status) in ACTIONS.items():
        assert abi.lib.authlete_ciba_fail_action_name(value).decode() == name
        assert abi.lib.authlete_ciba_fail_action_http_status(value) == status
    for outside in (0, 4, -1):
        assert abi.lib.authlete_ciba_fail_action_name(outside) is None
        assert abi.lib.authlete_ciba_fail_action_http_status(outside) == 0


def request_json(abi, *fields):
    out = ctypes.c_void_p(0xDEAD)
    status = abi.lib.authlete_ciba_fail_request_json(*[_native.encode(f) if isinstance(f, str) else f for f in fields],
                                                     ctypes.byref(out))
    return status, _native.take_string(abi.lib, out)


def test_request_json_with_every_field(abi):
    status, text = request_json(abi, "tk", "INVALID_USER_CODE", 'say "no"\\\n\u00e9', "https://as.example/e")
    assert status == OK
    assert json.loads(text) == {"ticket": "tk", "reason": "INVALID_USER_CODE",
                                "errorDescription": 'say "no"\\\n\u00e9', "errorUri": "https://as.example/e"}


def test_request_json_omits_null_fields(abi):
    assert request_json(abi, None, None, None, None) == (OK, "{}")
    assert request_json(abi, "tk", None, None, None) == (OK, '{"ticket":"tk"}')


@pytest.mark.parametrize("fields, fragment", [
    ((None, "NOPE", None, None), 'unknown reason "NOPE"'),
    ((None, "", None, None), "unknown reason"),
    (("", None, None, None), "ticket is empty"),
    ((None, None, None, "relative/path"), "not an absolute URI"),
    ((b"\xff\xfe", None, None, None), "not valid UTF-8"),
    (("t" * (16 * 1024 + 1), None, None, None), "over 16384 bytes"),
])
def test_request_json_refuses_bad_input_and_writes_nothing(abi, fields, fragment):
    status, text = request_json(abi, *fields)
    assert (status, text) == (INVALID_ARGUMENT, None)
    assert fragment in abi.last_error()


def test_request_json_needs_an_output(abi):
    assert abi.lib.authlete_ciba_fail_request_json(b"t", None, None, None, None) == NULL_ARGUMENT
    assert abi.last_error() == "out_json is NULL"


FACTS_ANSWER = ('{"resultCode":"A185001","resultMessage":"[A185001] Successfully generated an error response for the '
                'backchannel authentication request.","action":"FORBIDDEN","responseContent":"{\\"error\\":\\"access_denied\\"}"}')


def test_parses_the_facts_file_answer(abi):
    assert abi.parse(FACTS_ANSWER) == {
        "action": 3, "http_status": 403, "content": '{"error":"access_denied"}', "result_code": "A185001",
        "result_message": "[A185001] Successfully generated an error response for the backchannel authentication request.",
    }


@pytest.mark.parametrize("body, status", [
    ("not json", PROTOCOL), ('{"resultCode":"A001101"}', PROTOCOL), ('{"action":"TEAPOT"}', PROTOCOL),
    ('{"action":"FORBIDDEN","responseContent":5}', PROTOCOL), (b"\xc3(", INVALID_ARGUMENT),
    ("x" * (1024 * 1024 + 1), INVALID_ARGUMENT),
])
def test_parse_refuses_what_is_not_a_fail_answer(abi, body, status):
    response = ctypes.c_void_p(0xDEAD)
    text = body if isinstance(body, bytes) else body.encode()
    assert abi.lib.authlete_ciba_fail_response_parse(text, ctypes.byref(response)) == status
    assert response.value is None


def test_null_is_safe_everywhere(abi):
    lib = abi.lib
    out = ctypes.c_void_p(0xDEAD)
    assert lib.authlete_ciba_fail_response_parse(None, ctypes.byref(out)) == NULL_ARGUMENT and out.value is None
    assert lib.authlete_ciba_fail_response_parse(FACTS_ANSWER.encode(), None) == NULL_ARGUMENT
    for getter in ("action", "http_status"):
        assert getattr(lib, f"authlete_ciba_fail_response_{getter}")(None) == 0
    for getter in ("content", "result_code", "result_message"):
        assert getattr(lib, f"authlete_ciba_fail_response_{getter}")(None) is None
    lib.authlete_ciba_fail_response_free(None)
    lib.authlete_client_free(None)
    lib.authlete_free(None)
    assert lib.authlete_client_base_url(None) is None
    assert lib.authlete_client_new(b"{}", None) == NULL_ARGUMENT
    out = ctypes.c_void_p(0xDEAD)
    assert lib.authlete_client_ciba_fail(None, b"1000", b"{}", ctypes.byref(out)) == NULL_ARGUMENT
    assert out.value is None
    assert lib.authlete_ciba_fail(b"1000", b"{}", None) == NULL_ARGUMENT


def test_last_error_is_per_thread_and_cleared_by_success(abi):
    request_json(abi, None, "NOPE", None, None)
    assert abi.last_error() == 'unknown reason "NOPE"'
    seen = []
    thread = threading.Thread(target=lambda: seen.append(abi.last_error()))
    thread.start()
    thread.join()
    assert seen == [""]
    assert abi.last_error() == 'unknown reason "NOPE"'
    request_json(abi, "t", None, None, None)
    assert abi.last_error() == ""
