"""authlete_ciba without a network: version, enums against the library's own names, request_json, bad input."""
from __future__ import annotations

import ctypes
import json

import pytest

import authlete_ciba
from authlete_ciba import FailAction, FailReason, InvalidArgumentError, request_json
from authlete_ciba import _native
from testing_support import REASONS


def test_version_is_the_libraries():
    library = _native.load()
    assert authlete_ciba.version() == library.authlete_version().decode() == "0.2.0"


def test_enums_match_the_header_values_and_the_library_names():
    library = _native.load()
    assert [reason.name for reason in FailReason] == list(REASONS)
    for reason in FailReason:
        assert library.authlete_ciba_fail_reason_name(reason.value).decode() == reason.name
        out = ctypes.c_int()
        assert library.authlete_ciba_fail_reason_from_name(reason.name.encode(), ctypes.byref(out)) == 0
        assert out.value == reason.value
    assert {action.name: action.value for action in FailAction} == {
        "INTERNAL_SERVER_ERROR": 1, "BAD_REQUEST": 2, "FORBIDDEN": 3}
    for action in FailAction:
        assert library.authlete_ciba_fail_action_name(action.value).decode() == action.name
        assert library.authlete_ciba_fail_action_http_status(action.value) == action.http_status
    assert [FailAction[REASONS[r.name][1]].http_status for r in FailReason] == [REASONS[r.name][2] for r in FailReason]


def test_request_json_holds_exactly_the_given_fields():
    assert json.loads(request_json("t-1", FailReason.ACCESS_DENIED)) == {"ticket": "t-1", "reason": "ACCESS_DENIED"}
    assert json.loads(request_json(reason="UNKNOWN_USER_ID", error_description="no such user",
                                   error_uri="https://as.example/errors/1")) == {
        "reason": "UNKNOWN_USER_ID", "errorDescription": "no such user", "errorUri": "https://as.example/errors/1"}
    assert json.loads(request_json()) == {}
    assert json.loads(request_json(error_description="é \"q\"")) == {"errorDescription": "é \"q\""}
    assert json.loads(request_json(error_description="")) == {"errorDescription": ""}
    assert json.loads(request_json(reason=7)) == {"reason": "SERVER_ERROR"}


@pytest.mark.parametrize("arguments", [
    {"reason": "NOPE"},
    {"reason": "access_denied"},  # names are case-sensitive
    {"reason": ""},
    {"ticket": ""},  # an empty ticket is never one Authlete issued
    {"error_uri": ""},
    {"reason": 0},
    {"reason": 10},
    {"error_uri": "relative/path"},
    {"ticket": "x" * (16 * 1024 + 1)},
    {"ticket": "a\x00b"},  # C would cut it short: refused before the call
    {"error_description": "\ud800"},  # a lone surrogate is not UTF-8
])
def test_request_json_refuses_bad_input(arguments):
    with pytest.raises(InvalidArgumentError) as raised:
        request_json(**arguments)
    assert raised.value.status == 2 and raised.value.status_name == "AUTHLETE_ERR_INVALID_ARGUMENT"
    assert isinstance(raised.value, ValueError) and raised.value.detail


def test_the_library_detail_names_the_bad_reason():
    with pytest.raises(InvalidArgumentError, match="NOPE"):
        request_json(reason="NOPE")


@pytest.mark.parametrize("arguments", [{"ticket": 5}, {"reason": 1.5}, {"reason": True}, {"error_uri": b"https://x"}])
def test_request_json_refuses_wrong_types(arguments):
    with pytest.raises(TypeError):
        request_json(**arguments)


def test_every_status_maps_to_its_exception():
    from authlete_ciba import errors

    expected = {1: errors.NullArgumentError, 2: errors.InvalidArgumentError, 3: errors.ConfigError,
                4: errors.NetworkError, 5: errors.TimeoutError, 6: errors.ApiError, 7: errors.ProtocolError,
                8: errors.NoMemoryError, 9: errors.InternalError, 42: errors.InternalError}
    for status, kind in expected.items():
        error = errors.error_for(status, "detail")
        assert type(error) is kind and error.status == status and error.detail == "detail"
        assert isinstance(error, errors.AuthleteError)
    assert isinstance(errors.error_for(5, ""), TimeoutError)  # the builtin one
    assert isinstance(errors.error_for(4, ""), ConnectionError)
    api = errors.error_for(6, "Authlete answered HTTP 401 A458101: ...", '{"resultCode":"A458101","resultMessage":"m"}')
    assert (api.result_code, api.result_message, api.http_status) == ("A458101", "m", 401)
    assert errors.error_for(6, "x", "<html>").result_code is None
