"""libauthlete's functions with restype, argtypes and an errcheck that raises, all declared by one helper.

The declarations come from `_native.FUNCTIONS` (the single table). The function objects here are fresh ones
(`library[name]`), so the errcheck never changes the CDLL's own attributes, which the ABI tests use raw.
"""
from __future__ import annotations

import ctypes
import threading
from types import SimpleNamespace
from typing import Any, Optional

from . import _generated, _native
from .errors import error_for

# The functions that return an authlete_status (the others return values, names or nothing).
STATUS_FUNCTIONS = _generated.STATUS_FUNCTIONS | frozenset({
    "authlete_ciba_fail_reason_from_name",
    "authlete_ciba_fail_request_json",
    "authlete_client_new",
    "authlete_ciba_fail",
    "authlete_ciba_authentication_request_json",
    "authlete_client_ciba_authentication_fields",
    "authlete_client_ciba_issue_fields",
    "authlete_client_ciba_complete_fields",
    "authlete_ciba_flow_new",
    "authlete_ciba_complete_request_new",
    "authlete_ciba_complete_request_set_string",
    "authlete_ciba_complete_request_set_int64",
    "authlete_ciba_complete_request_add_string",
    "authlete_ciba_complete_request_json",
})
# Not raising by errcheck, because they hand out something on failure too: the flow steps (the flow then holds
# the 500 answer) and the decision (its answer also on a failed notification). Their callers read the status.
# The calls on Client's hot paths neither: Client checks their status inline and calls raise_error (an errcheck is
# a Python call on every call, which costs microseconds of CPU).
INLINE_CHECKED = frozenset({
    "authlete_client_ciba_fail_fields",
    "authlete_ciba_authentication_request_json",
    "authlete_client_ciba_authentication",
    "authlete_client_ciba_issue",
    "authlete_client_ciba_complete",
})


def raise_error(library: ctypes.CDLL, status: int, out: Any) -> None:
    """Raises the AuthleteError of a failed call; `out` is its last argument (Authlete's body on AUTHLETE_ERR_API)."""
    # authlete_last_error() first: it describes the last call on this thread, and authlete_free is a call.
    detail = (library.authlete_last_error() or b"").decode("utf-8", "replace")
    body = _native.take_string(library, out) if isinstance(out, ctypes.c_void_p) else None
    raise error_for(status, detail, body)


def _errcheck_for(library: ctypes.CDLL):
    def check(status: int, function: Any, arguments: tuple) -> int:
        if status != 0:
            raise_error(library, status, arguments[-1] if arguments else None)
        return status

    return check


def bind(library: ctypes.CDLL) -> SimpleNamespace:
    """Every function of the table, declared; status functions raise AuthleteError subclasses on failure."""
    check = _errcheck_for(library)
    functions = {}
    for name, (restype, argtypes) in _native.FUNCTIONS.items():
        function = library[name]  # a new function object, not the CDLL's cached attribute
        function.restype = restype
        function.argtypes = argtypes
        if name in STATUS_FUNCTIONS and name not in INLINE_CHECKED:
            function.errcheck = check
        functions[name[len("authlete_"):]] = function
    functions["library"] = library
    return SimpleNamespace(**functions)


_lock = threading.Lock()
_bound: dict = {}


def get(path: Optional[str] = None) -> SimpleNamespace:
    """The bound functions of the library at `path` (default: `_native.find_library()`), made once."""
    library = _native.load(path)
    with _lock:
        if id(library) not in _bound:
            _bound[id(library)] = bind(library)
        return _bound[id(library)]
