"""One backchannel authentication request, from the client's HTTP request to its complete HTTP answer, and the
end user's decision afterwards (libauthlete's authlete/ciba_flow.h and authlete/ciba_decision.h).

    with BackchannelFlow(client, service_id) as flow:
        flow.start(form_body, authorization_header)
        if flow.stage is FlowStage.IDENTIFY_USER:
            user = users.find(flow.request.hint)
            answer = flow.reject(FailReason.UNKNOWN_USER_ID) if user is None else flow.accept()
        answer = flow.answer          # status, headers, body: send them as they are
"""
from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Tuple, Union

from . import responses
from ._generated import AuthenticationResponse, CompleteResponse, IssueResponse
from .enums import FailReason
from .errors import AuthleteError, NotificationError, error_for

if TYPE_CHECKING:
    from .client import Client


class FlowStage(enum.IntEnum):
    """authlete_ciba_flow_stage."""
    NEW = 0
    IDENTIFY_USER = 1  # identify the user, then reject() or accept()
    ANSWERED = 2  # `answer` is final


@dataclass(frozen=True)
class HTTPAnswer:
    """The complete answer for the client: send `status`, every header and `body` as they are."""
    status: int
    headers: Tuple[Tuple[str, str], ...]
    body: str


def _text(value: Optional[str]) -> Optional[bytes]:
    return None if value is None else value.encode("utf-8")


class BackchannelFlow:
    """One backchannel request. Whatever fails on the way (network, Authlete, a malformed answer), the answer is
    500 {"error":"server_error"} and the exception is kept in `error` for your log: it never reaches the client.
    Wrong use (reject before start, a reason that is not a FailReason) raises InvalidArgumentError. One thread at a
    time; close() or use it as a context manager."""

    def __init__(self, client: "Client", service_id: Union[str, int]):
        self._client = client
        self._functions = client._functions
        self._service_id = str(service_id).encode("utf-8")
        handle = ctypes.c_void_p()
        self._functions.ciba_flow_new(handle)
        self._handle: Optional[int] = handle.value
        self.error: Optional[AuthleteError] = None
        self.request: Optional[AuthenticationResponse] = None
        self.issue: Optional[IssueResponse] = None
        self.answer: Optional[HTTPAnswer] = None

    def _step(self, function, *arguments) -> FlowStage:
        if self._handle is None:
            raise ValueError("the flow is closed")
        before = self.stage
        status = function(self._handle, *arguments)
        if status != 0:
            detail = (self._functions.library.authlete_last_error() or b"").decode("utf-8", "replace")
            error = error_for(status, detail)
            if before is FlowStage.ANSWERED or self.stage is not FlowStage.ANSWERED:
                raise error  # wrong use: nothing changed
            self.error = error  # the step failed and the flow answers 500
        self._mirror()
        return self.stage

    def _mirror(self) -> None:
        f = self._functions
        if self.request is None and f.ciba_flow_request_body(self._handle):
            self.request = responses.read(AuthenticationResponse, f.ciba_flow_request_body(self._handle).decode())
        if self.issue is None and f.ciba_flow_issue_body(self._handle):
            self.issue = responses.read(IssueResponse, f.ciba_flow_issue_body(self._handle).decode())
        if self.answer is None and self.stage is FlowStage.ANSWERED:
            count = f.ciba_flow_header_count(self._handle)
            headers = tuple((f.ciba_flow_header_name(self._handle, i).decode(),
                             f.ciba_flow_header_value(self._handle, i).decode()) for i in range(count))
            self.answer = HTTPAnswer(f.ciba_flow_http_status(self._handle), headers,
                                     (f.ciba_flow_body(self._handle) or b"").decode("utf-8"))

    @property
    def stage(self) -> FlowStage:
        return FlowStage(self._functions.ciba_flow_current_stage(self._handle)) if self._handle else FlowStage.NEW

    def start(self, parameters: str, authorization: Optional[str] = None,
              client_certificate: Optional[str] = None) -> FlowStage:
        """/backchannel/authentication with the client's form body verbatim, its Authorization header and its
        TLS client certificate (PEM). IDENTIFY_USER: `request` holds the hint, user code, binding message..."""
        arguments = (self._service_id, _text(parameters), _text(authorization), _text(client_certificate))
        return self._client._call(lambda client: self._step(self._functions.ciba_flow_start, client, *arguments))

    def reject(self, reason: FailReason, error_description: Optional[str] = None,
               error_uri: Optional[str] = None) -> HTTPAnswer:
        """/fail with the reason: the client gets /fail's answer (e.g. UNKNOWN_USER_ID: 400)."""
        if not isinstance(reason, FailReason):
            raise TypeError("reason must be a FailReason")
        self._step(self._functions.ciba_flow_reject, int(reason), _text(error_description), _text(error_uri))
        return self.answer  # type: ignore[return-value]

    def accept(self) -> HTTPAnswer:
        """/issue: the client gets 200 with its auth_req_id (`issue` has it); then ask the user and report the
        decision with Client.ciba_decide(ticket=flow.request.ticket, ...)."""
        self._step(self._functions.ciba_flow_accept)
        return self.answer  # type: ignore[return-value]

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._functions.ciba_flow_free(handle)

    def __enter__(self) -> "BackchannelFlow":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            self.close()


@dataclass(frozen=True)
class Decision:
    """What Client.ciba_decide did: /complete's answer, and the notification endpoint's status (200 or 204) when a
    notification was sent, else 0."""
    response: CompleteResponse
    notification_status: int


def notify(client: "Client", body: str) -> int:
    """Sends the notification of /complete's NOTIFICATION answer (its body): authlete_client_ciba_notify on the
    answer parsed by the library. The endpoint's status (200 or 204); raises NotificationError otherwise."""
    f = client._functions
    response = ctypes.c_void_p()
    f.ciba_complete_response_parse(body.encode("utf-8"), response)
    try:
        status = ctypes.c_int()
        code = client._call(f.client_ciba_notify, response, status)
        if code != 0:
            detail = (f.library.authlete_last_error() or b"").decode("utf-8", "replace")
            error = error_for(code, detail)
            if isinstance(error, NotificationError):
                error.http_status = status.value
            raise error
        return status.value
    finally:
        f.ciba_complete_response_free(response)
