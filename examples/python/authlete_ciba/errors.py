"""The exceptions of authlete_ciba: one class per libauthlete status, all under AuthleteError.

| status (value)                      | exception                                          |
|-------------------------------------|----------------------------------------------------|
| AUTHLETE_ERR_NULL_ARGUMENT (1)      | NullArgumentError (also a ValueError)              |
| AUTHLETE_ERR_INVALID_ARGUMENT (2)   | InvalidArgumentError (also a ValueError)           |
| AUTHLETE_ERR_CONFIG (3)             | ConfigError                                        |
| AUTHLETE_ERR_NETWORK (4)            | NetworkError (also a ConnectionError)              |
| AUTHLETE_ERR_TIMEOUT (5)            | TimeoutError (also the builtin TimeoutError)       |
| AUTHLETE_ERR_API (6)                | ApiError: Authlete's resultCode, resultMessage, body |
| AUTHLETE_ERR_PROTOCOL (7)           | ProtocolError                                      |
| AUTHLETE_ERR_NO_MEMORY (8)          | NoMemoryError (also a MemoryError)                 |
| AUTHLETE_ERR_INTERNAL (9)           | InternalError                                      |
| AUTHLETE_ERR_NOTIFICATION (10)      | NotificationError: the endpoint's http_status      |
"""
from __future__ import annotations

import builtins
import json
import re
from typing import Optional

from . import _native


class AuthleteError(Exception):
    """A libauthlete call failed. `status` is the authlete_status value, `status_name` its constant name and
    `detail` the library's authlete_last_error() text (never a credential)."""

    status: int = -1

    def __init__(self, status: int, detail: str):
        self.status = status
        self.detail = detail
        super().__init__(f"{self.status_name}: {detail}" if detail else self.status_name)

    @property
    def status_name(self) -> str:
        names = _native.STATUS_NAMES
        return names[self.status] if 0 <= self.status < len(names) else "AUTHLETE_ERR_UNKNOWN"


class NullArgumentError(AuthleteError, ValueError):
    """A required value was None."""


class InvalidArgumentError(AuthleteError, ValueError):
    """A value is malformed: unknown reason, relative error URI, a service id that is not one path segment, ..."""


class ConfigError(AuthleteError):
    """The client's configuration is malformed or incomplete (unknown key, bad base URL, missing credentials)."""


class NetworkError(AuthleteError, ConnectionError):
    """Authlete could not be reached (DNS, connect, TLS, reset connection)."""


class TimeoutError(AuthleteError, builtins.TimeoutError):  # noqa: A001 - also caught by `except TimeoutError`
    """The call did not finish within timeout_ms (or connecting within connect_timeout_ms)."""


class ApiError(AuthleteError):
    """Authlete answered with a non-2xx status (400, 401, 403, 500, a redirect, ...).

    `body` is Authlete's body as received; `result_code` and `result_message` come from it when it is Authlete's
    `{"resultCode","resultMessage"}` JSON, else None. `http_status` is read from the detail text when it says so.
    Log these; never send them to your own client."""

    def __init__(self, status: int, detail: str, body: Optional[str]):
        super().__init__(status, detail)
        self.body = body
        self.result_code: Optional[str] = None
        self.result_message: Optional[str] = None
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            code, message = parsed.get("resultCode"), parsed.get("resultMessage")
            self.result_code = code if isinstance(code, str) else None
            self.result_message = message if isinstance(message, str) else None
        match = re.search(r"\bHTTP (\d{3})\b", detail)
        self.http_status: Optional[int] = int(match.group(1)) if match else None


class ProtocolError(AuthleteError):
    """Authlete answered 2xx with something that is not a valid fail answer (not JSON, no or unknown action, over
    the size cap)."""


class NoMemoryError(AuthleteError, MemoryError):
    """An allocation inside libauthlete failed."""


class InternalError(AuthleteError):
    """A bug in libauthlete or its dependencies (or a status this package does not know)."""


class NotificationError(AuthleteError):
    """The client application's notification endpoint could not be used (it answered other than 200 or 204, could
    not be reached, timed out, or its URL is plain http off loopback). `http_status` is its status (0 when it gave
    none); from Client.ciba_decide, `response` is /complete's answer: the decision was recorded."""

    def __init__(self, status: int, detail: str, http_status: int = 0, response: object = None):
        super().__init__(status, detail)
        self.http_status = http_status
        self.response = response


_BY_STATUS = {
    1: NullArgumentError,
    2: InvalidArgumentError,
    3: ConfigError,
    4: NetworkError,
    5: TimeoutError,
    7: ProtocolError,
    8: NoMemoryError,
    9: InternalError,
    10: NotificationError,
}


def error_for(status: int, detail: str, body: Optional[str] = None) -> AuthleteError:
    """The exception for a failed status: the one mapping from libauthlete statuses to exceptions."""
    if status == 6:
        return ApiError(status, detail, body)
    return _BY_STATUS.get(status, InternalError)(status, detail)
