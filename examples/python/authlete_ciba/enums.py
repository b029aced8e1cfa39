"""The reasons and actions of the CIBA fail API, with the values of include/authlete.h."""
from __future__ import annotations

import enum


class FailReason(enum.IntEnum):
    """Why the authorization server rejects the request; the name is the `reason` sent to Authlete."""

    ACCESS_DENIED = 1  # access_denied, FORBIDDEN 403
    EXPIRED_LOGIN_HINT_TOKEN = 2  # expired_login_hint_token, BAD_REQUEST 400
    INVALID_BINDING_MESSAGE = 3  # invalid_binding_message, BAD_REQUEST 400
    INVALID_TARGET = 4  # invalid_target, BAD_REQUEST 400
    INVALID_USER_CODE = 5  # invalid_user_code, BAD_REQUEST 400
    MISSING_USER_CODE = 6  # missing_user_code, BAD_REQUEST 400
    SERVER_ERROR = 7  # server_error, INTERNAL_SERVER_ERROR 500
    UNAUTHORIZED_CLIENT = 8  # unauthorized_client, BAD_REQUEST 400
    UNKNOWN_USER_ID = 9  # unknown_user_id, BAD_REQUEST 400


class FailAction(enum.IntEnum):
    """What the authorization server must do with Authlete's answer."""

    INTERNAL_SERVER_ERROR = 1
    BAD_REQUEST = 2
    FORBIDDEN = 3

    @property
    def http_status(self) -> int:
        """The HTTP status to answer the client with: 500, 400 or 403."""
        return {1: 500, 2: 400, 3: 403}[self.value]
