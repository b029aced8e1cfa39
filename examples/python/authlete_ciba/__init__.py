"""authlete_ciba: the CIBA backchannel authentication calls of Authlete (parse, issue, fail, complete), over
libauthlete's C ABI.

    from authlete_ciba import Client, FailReason

    with Client(base_url="https://us.authlete.com", token="...") as client:
        answer = client.ciba_fail("715948317", ticket=ticket, reason=FailReason.ACCESS_DENIED)
    # answer.http_status (403), answer.response_content ('{"error":"access_denied"}')

The library is found through AUTHLETE_LIBRARY, else the copy inside the package (the binary wheel), else the
dynamic linker, else `pkg-config --variable=libdir authlete`; one of another version than the package is refused.
"""
from .client import RESPONSE_HEADERS, Client, FailResponse, parse_response, request_json, version
from ._generated import (
    AuthenticationAction,
    AuthenticationResponse,
    CompleteAction,
    CompleteResponse,
    CompleteResult,
    DeliveryMode,
    HintType,
    IssueAction,
    IssueResponse,
)
from .enums import FailAction, FailReason
from .flow import BackchannelFlow, Decision, FlowStage, HTTPAnswer
from .errors import (
    ApiError,
    AuthleteError,
    ConfigError,
    InternalError,
    InvalidArgumentError,
    NetworkError,
    NoMemoryError,
    NotificationError,
    NullArgumentError,
    ProtocolError,
    TimeoutError,
)

__all__ = [
    "RESPONSE_HEADERS", "Client", "FailResponse", "parse_response", "request_json", "version",
    "FailAction", "FailReason", "BackchannelFlow", "Decision", "FlowStage", "HTTPAnswer",
    "AuthenticationAction", "AuthenticationResponse", "IssueAction", "IssueResponse", "CompleteAction",
    "CompleteResponse", "CompleteResult", "DeliveryMode", "HintType",
    "ApiError", "AuthleteError", "ConfigError", "InternalError", "InvalidArgumentError", "NetworkError",
    "NoMemoryError", "NotificationError", "NullArgumentError", "ProtocolError", "TimeoutError",
]
__version__ = "0.2.0"
