"""The C ABI of libauthlete as ctypes sees it: where the library is, and one table declaring every function.

Everything else in the package is built on `load()`; the library's own ABI tests use it too, so the declarations
exist once. Strings the library hands out (`char **` outputs) are copied and released with `authlete_free`.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import threading
from typing import Optional

from . import _generated

c_char_p_p = ctypes.POINTER(ctypes.c_char_p)
c_void_p_p = ctypes.POINTER(ctypes.c_void_p)

# name: (restype, argtypes), exactly as the headers declare them: the hand-written functions here, every function
# of the endpoint descriptions from _generated. Outputs that the library allocates are declared as void ** / void *
# so that ctypes does not convert (and lose) the pointer before it is freed.
FUNCTIONS = {
    **_generated.FUNCTIONS,
    "authlete_version": (ctypes.c_char_p, []),
    "authlete_version_number": (ctypes.c_uint, []),
    "authlete_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "authlete_last_error": (ctypes.c_char_p, []),
    "authlete_free": (None, [ctypes.c_void_p]),
    "authlete_ciba_fail_reason_name": (ctypes.c_char_p, [ctypes.c_int]),
    "authlete_ciba_fail_reason_from_name": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
    "authlete_ciba_fail_request_json": (
        ctypes.c_int,
        [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, c_void_p_p],
    ),
    "authlete_client_new": (ctypes.c_int, [ctypes.c_char_p, c_void_p_p]),
    "authlete_client_free": (None, [ctypes.c_void_p]),
    "authlete_client_base_url": (ctypes.c_char_p, [ctypes.c_void_p]),
    "authlete_client_ciba_fail_fields": (
        ctypes.c_int,
        [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, c_void_p_p,
         c_void_p_p],
    ),
    "authlete_ciba_fail": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_char_p, c_void_p_p]),
    "authlete_ciba_delivery_mode_name": (ctypes.c_char_p, [ctypes.c_int]),
    "authlete_ciba_hint_type_name": (ctypes.c_char_p, [ctypes.c_int]),
    "authlete_ciba_complete_result_name": (ctypes.c_char_p, [ctypes.c_int]),
    "authlete_ciba_authentication_request_json": (
        ctypes.c_int, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, c_void_p_p]),
    "authlete_client_ciba_authentication_fields": (
        ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, c_void_p_p,
                       c_void_p_p]),
    "authlete_client_ciba_issue_fields": (
        ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, c_void_p_p, c_void_p_p]),
    "authlete_client_ciba_complete_fields": (
        ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                       ctypes.c_char_p, ctypes.c_char_p, c_void_p_p, c_void_p_p]),
    # The backchannel flow object (authlete/ciba_flow.h).
    "authlete_ciba_flow_new": (ctypes.c_int, [c_void_p_p]),
    "authlete_ciba_flow_free": (None, [ctypes.c_void_p]),
    "authlete_ciba_flow_start": (
        ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                       ctypes.c_char_p]),
    "authlete_ciba_flow_current_stage": (ctypes.c_int, [ctypes.c_void_p]),
    "authlete_ciba_flow_request": (ctypes.c_void_p, [ctypes.c_void_p]),
    "authlete_ciba_flow_reject": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p]),
    "authlete_ciba_flow_accept": (ctypes.c_int, [ctypes.c_void_p]),
    "authlete_ciba_flow_issue_response": (ctypes.c_void_p, [ctypes.c_void_p]),
    "authlete_ciba_flow_request_body": (ctypes.c_char_p, [ctypes.c_void_p]),
    "authlete_ciba_flow_issue_body": (ctypes.c_char_p, [ctypes.c_void_p]),
    "authlete_ciba_flow_http_status": (ctypes.c_int, [ctypes.c_void_p]),
    "authlete_ciba_flow_header_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "authlete_ciba_flow_header_name": (ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_size_t]),
    "authlete_ciba_flow_header_value": (ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_size_t]),
    "authlete_ciba_flow_body": (ctypes.c_char_p, [ctypes.c_void_p]),
    # The decision and the notification (authlete/ciba_decision.h).
    "authlete_ciba_complete_request_new": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_int, c_void_p_p]),
    "authlete_ciba_complete_request_free": (None, [ctypes.c_void_p]),
    "authlete_ciba_complete_request_set_string": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]),
    "authlete_ciba_complete_request_set_int64": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64]),
    "authlete_ciba_complete_request_add_string": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]),
    "authlete_ciba_complete_request_json": (ctypes.c_int, [ctypes.c_void_p, c_void_p_p]),
    "authlete_client_ciba_decide": (
        ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, c_void_p_p, ctypes.POINTER(ctypes.c_int),
                       c_void_p_p]),
    "authlete_client_ciba_notify": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]),
}

STATUS_NAMES = [
    "AUTHLETE_OK",
    "AUTHLETE_ERR_NULL_ARGUMENT",
    "AUTHLETE_ERR_INVALID_ARGUMENT",
    "AUTHLETE_ERR_CONFIG",
    "AUTHLETE_ERR_NETWORK",
    "AUTHLETE_ERR_TIMEOUT",
    "AUTHLETE_ERR_API",
    "AUTHLETE_ERR_PROTOCOL",
    "AUTHLETE_ERR_NO_MEMORY",
    "AUTHLETE_ERR_INTERNAL",
    "AUTHLETE_ERR_NOTIFICATION",
]


# The copy a binary wheel carries (make wheel); a source install has none.
BUNDLED_LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_lib", "libauthlete.so.0")


def find_library() -> str:
    """AUTHLETE_LIBRARY, else the wheel's own copy, else the system's: the dynamic linker's search
    (ctypes.util.find_library), else pkg-config's libdir."""
    explicit = os.environ.get("AUTHLETE_LIBRARY")
    if explicit:
        return explicit
    if os.path.exists(BUNDLED_LIBRARY):
        return BUNDLED_LIBRARY
    found = ctypes.util.find_library("authlete")
    if found:
        return found
    try:
        libdir = subprocess.run(
            ["pkg-config", "--variable=libdir", "authlete"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        libdir = ""
    candidate = os.path.join(libdir, "libauthlete.so.0") if libdir else ""
    if candidate and os.path.exists(candidate):
        return candidate
    raise OSError(
        "libauthlete not found: set AUTHLETE_LIBRARY to the path of libauthlete.so.0, install it where the dynamic "
        "linker looks, or make `pkg-config --variable=libdir authlete` point to it"
    )


def version_number(version: str) -> int:
    """"MAJOR.MINOR.PATCH" as authlete_version_number() gives it: MAJOR * 10000 + MINOR * 100 + PATCH."""
    major, minor, patch = (int(part) for part in version.split("."))
    return major * 10000 + minor * 100 + patch


def check_version(library: ctypes.CDLL, path: str) -> None:
    """Refuses a library of another version than this package's: the declarations here are that version's."""
    from . import __version__  # here, not at import time: the package imports this module while it initialises

    try:
        function = library.authlete_version_number
    except AttributeError:
        raise OSError(f"{path} is not libauthlete: it has no authlete_version_number") from None
    function.restype, function.argtypes = ctypes.c_uint, []
    found, expected = function(), version_number(__version__)
    if found != expected:
        shown = f"{found // 10000}.{found // 100 % 100}.{found % 100}"
        raise OSError(f"{path} is libauthlete {shown}, but this authlete_ciba is {__version__}: install the "
                      f"matching library, or point AUTHLETE_LIBRARY at it")


_lock = threading.Lock()
_loaded: dict = {}


def load(path: Optional[str] = None) -> ctypes.CDLL:
    """The library with every function declared (loaded once per path)."""
    path = path or find_library()
    with _lock:
        if path not in _loaded:
            library = ctypes.CDLL(path)
            check_version(library, path)
            for name, (restype, argtypes) in FUNCTIONS.items():
                function = getattr(library, name)
                function.restype = restype
                function.argtypes = argtypes
            _loaded[path] = library
        return _loaded[path]


def take_string(library: ctypes.CDLL, pointer: ctypes.c_void_p) -> Optional[str]:
    """Copies a `char *` the library handed out, frees it with authlete_free, and returns it (None for NULL)."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        library.authlete_free(pointer)


def encode(value: Optional[str]) -> Optional[bytes]:
    """A Python string as the NUL-terminated UTF-8 the ABI takes (None stays NULL)."""
    return None if value is None else value.encode("utf-8")
