"""Fixtures of the ABI tests: the built libauthlete loaded through ctypes, and small helpers that call it exactly as
a C host would (status codes, out-parameters, authlete_free)."""
from __future__ import annotations

import ctypes
import json

import pytest

from authlete_ciba import _native

OK, NULL_ARGUMENT, INVALID_ARGUMENT, CONFIG, NETWORK, TIMEOUT, API, PROTOCOL, NO_MEMORY, INTERNAL = range(10)


class ABI:
    def __init__(self, library: ctypes.CDLL):
        self.lib = library

    def last_error(self) -> str:
        return self.lib.authlete_last_error().decode()

    def new_client(self, config: dict | str | None) -> tuple[int, ctypes.c_void_p]:
        text = config if isinstance(config, (str, type(None))) else json.dumps(config)
        client = ctypes.c_void_p(0xDEAD)  # must be overwritten: NULL on failure, the client on success
        status = self.lib.authlete_client_new(_native.encode(text), ctypes.byref(client))
        return status, client

    def client(self, config: dict):
        status, client = self.new_client(config)
        assert status == OK, self.last_error()
        return client

    def fail(self, client, service_id: str | None, request: dict | str | None) -> tuple[int, str | None]:
        """authlete_client_ciba_fail: (status, the body handed out or None)."""
        text = request if isinstance(request, (str, type(None))) else json.dumps(request)
        out = ctypes.c_void_p(0xDEAD)
        status = self.lib.authlete_client_ciba_fail(client, _native.encode(service_id), _native.encode(text),
                                                    ctypes.byref(out))
        return status, _native.take_string(self.lib, out)

    def fail_fields(self, client, service_id, ticket=None, reason=None, description=None, uri=None):
        """authlete_client_ciba_fail_fields: (status, the response's fields on OK, Authlete's body on API, else
        None). Checks that the outputs the call does not fill are NULL."""
        response, error_body = ctypes.c_void_p(0xDEAD), ctypes.c_void_p(0xBEEF)
        fields = [_native.encode(value) for value in (service_id, ticket, reason, description, uri)]
        status = self.lib.authlete_client_ciba_fail_fields(client, *fields, ctypes.byref(response),
                                                           ctypes.byref(error_body))
        body = _native.take_string(self.lib, error_body)
        assert (body is not None) == (status == API), (status, body)
        if status == OK:
            return status, self.read_response(response)
        assert response.value is None
        return status, body

    def parse(self, body: str) -> dict:
        response = ctypes.c_void_p()
        status = self.lib.authlete_ciba_fail_response_parse(body.encode(), ctypes.byref(response))
        assert status == OK, self.last_error()
        return self.read_response(response)

    def read_response(self, response: ctypes.c_void_p) -> dict:
        """Every getter of a response, which is then freed."""
        try:
            lib = self.lib
            text = lambda pointer: None if pointer is None else pointer.decode()
            return {
                "action": lib.authlete_ciba_fail_response_action(response),
                "http_status": lib.authlete_ciba_fail_response_http_status(response),
                "content": text(lib.authlete_ciba_fail_response_content(response)),
                "result_code": text(lib.authlete_ciba_fail_response_result_code(response)),
                "result_message": text(lib.authlete_ciba_fail_response_result_message(response)),
            }
        finally:
            lib.authlete_ciba_fail_response_free(response)


    def read_ciba(self, endpoint: str, response: ctypes.c_void_p, free: bool = True) -> dict:
        """Every getter of an authlete_ciba_<endpoint>_response (from the declared functions), keyed by the getter's
        name after the prefix; an array as the list of its index getter's values under the index getter's name."""
        prefix = f"authlete_ciba_{endpoint}_response_"
        names = [name[len(prefix):] for name in _native.FUNCTIONS if name.startswith(prefix)]
        values = {}
        try:
            for name in names:
                if name in ("parse", "free") or name.endswith("_count"):
                    continue
                function = getattr(self.lib, prefix + name)
                if f"{name}_count" in names:
                    count = getattr(self.lib, f"{prefix}{name}_count")(response)
                    items = [function(response, i) for i in range(count)]
                    assert function(response, count) is None  # past the end
                    values[name] = [item.decode() for item in items]
                else:
                    value = function(response)
                    values[name] = value.decode() if isinstance(value, bytes) else value
            return values
        finally:
            if free:
                getattr(self.lib, prefix + "free")(response)

    def parse_ciba(self, endpoint: str, body: str) -> tuple[int, dict | None]:
        """authlete_ciba_<endpoint>_response_parse: (status, the getters' values on OK)."""
        response = ctypes.c_void_p(0xDEAD)
        status = getattr(self.lib, f"authlete_ciba_{endpoint}_response_parse")(_native.encode(body), ctypes.byref(response))
        if status != OK:
            assert response.value is None
            return status, None
        return status, self.read_ciba(endpoint, response)

    def call_ciba(self, endpoint: str, client, service_id: str | None, request: dict | str | None) -> tuple[int, str | None]:
        """authlete_client_ciba_<endpoint>: (status, the body handed out or None)."""
        text = request if isinstance(request, (str, type(None))) else json.dumps(request)
        out = ctypes.c_void_p(0xDEAD)
        status = getattr(self.lib, f"authlete_client_ciba_{endpoint}")(client, _native.encode(service_id),
                                                                       _native.encode(text), ctypes.byref(out))
        return status, _native.take_string(self.lib, out)


@pytest.fixture(scope="session")
def abi(library_path) -> ABI:
    return ABI(_native.load(library_path))


@pytest.fixture()
def service(emulator) -> dict:
    """A fresh service of the emulator, with no fault."""
    return emulator.new_service()


@pytest.fixture()
def client_for(abi, emulator):
    """Makes clients on the emulator for a service; frees them after the test."""
    made = []

    def make(service: dict, **settings):
        config = {"baseUrl": emulator.base_url, "token": service["token"], **settings}
        client = abi.client(config)
        made.append(client)
        return client

    yield make
    for client in made:
        abi.lib.authlete_client_free(client)
