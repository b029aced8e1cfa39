"""The Client, its FailResponse, and the module-level helpers, over the bound libauthlete functions."""
from __future__ import annotations

import ctypes
import json
import os
import threading
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence, Union

from . import _bindings, _native, flow, responses
from ._generated import AuthenticationResponse, CompleteAction, CompleteResponse, CompleteResult, IssueResponse
from .enums import FailAction, FailReason
from .errors import InvalidArgumentError, NotificationError, ProtocolError
from .flow import Decision

ReasonLike = Union[FailReason, str, None]
# Made once: json.dumps with any non-default argument builds a new encoder on every call.
_json_text = json.JSONEncoder(ensure_ascii=False).encode


def _json_bytes(value: Any) -> bytes:
    """`value` as the UTF-8 JSON a request takes (the encoder writes no raw NUL; a lone surrogate cannot be sent)."""
    try:
        return _json_text(value).encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidArgumentError(2, f"the request is not valid Unicode: {error.reason}") from None

#: The headers an authorization server sends with every answer of its backchannel authentication endpoint.
RESPONSE_HEADERS: Mapping[str, str] = {
    "Content-Type": "application/json;charset=UTF-8",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}


@dataclass(frozen=True)
class FailResponse:
    """Authlete's answer: answer your client with `http_status`, `RESPONSE_HEADERS` and `response_content`
    verbatim. `result_code`/`result_message` are for logs."""

    action: FailAction
    http_status: int
    response_content: str
    result_code: Optional[str]
    result_message: Optional[str]


# /complete's optional request members: ciba_complete's keyword -> the JSON key.
_COMPLETE_KEYS = {
    "subject": "subject", "sub": "sub", "acr": "acr", "claims": "claims", "auth_time": "authTime",
    "error_description": "errorDescription", "error_uri": "errorUri", "scopes": "scopes",
    "consented_claims": "consentedClaims", "access_token": "accessToken", "id_token_aud_type": "idTokenAudType",
    "access_token_duration": "accessTokenDuration", "refresh_token_duration": "refreshTokenDuration",
    "properties": "properties", "idt_header_params": "idtHeaderParams", "jwt_at_claims": "jwtAtClaims",
}


def _text(name: str, value: Optional[str]) -> Optional[bytes]:
    """A str argument as the NUL-terminated UTF-8 the C ABI takes (None stays NULL)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    if "\x00" in value:  # C would silently cut the string here
        raise InvalidArgumentError(2, f"{name} contains a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidArgumentError(2, f"{name} is not valid Unicode: {error.reason}") from None


# Made once: the bytes of each reason's name, each result's name, the FailAction of each action value and its status.
_REASON_NAMES = {reason: reason.name.encode() for reason in FailReason}
_RESULT_NAMES = {result: result.name for result in CompleteResult}  # an enum's .name is a Python-level property
_FAIL_ACTIONS = {action.value: (action, action.http_status) for action in FailAction}


def _reason_bytes(reason: ReasonLike) -> Optional[bytes]:
    """`reason` as the C ABI takes it. Names are checked by the library, which keeps credentials out of errors."""
    if reason.__class__ is FailReason:
        return _REASON_NAMES[reason]
    return _text("reason", _reason_name(reason))


def _reason_name(reason: ReasonLike) -> Optional[str]:
    if reason is None or isinstance(reason, str) and not isinstance(reason, FailReason):
        return reason
    if isinstance(reason, int) and not isinstance(reason, bool):
        try:
            return FailReason(reason).name
        except ValueError:
            raise InvalidArgumentError(2, f"unknown reason {int(reason)}") from None
    raise TypeError(f"reason must be a FailReason, a str or None, not {type(reason).__name__}")


def _service_id(service_id: Union[str, int, None]) -> Optional[bytes]:
    if isinstance(service_id, int) and not isinstance(service_id, bool):
        service_id = str(service_id)
    return _text("service_id", service_id)


def request_json(ticket: Optional[str] = None, reason: ReasonLike = None, error_description: Optional[str] = None,
                 error_uri: Optional[str] = None, *, library: Optional[str] = None) -> str:
    """The JSON body of a fail request, e.g. '{"ticket":"t","reason":"ACCESS_DENIED"}'; None omits a field.

    Raises InvalidArgumentError for an unknown reason, a relative error_uri, or a value over 16 KiB."""
    return _request_json(_bindings.get(library), ticket, reason, error_description, error_uri)


def _request_json(functions, ticket, reason, error_description, error_uri) -> str:
    out = ctypes.c_void_p()
    functions.ciba_fail_request_json(_text("ticket", ticket), _reason_bytes(reason),
                                     _text("error_description", error_description), _text("error_uri", error_uri),
                                     out)
    return _native.take_string(functions.library, out) or ""


def parse_response(body: str, *, library: Optional[str] = None) -> FailResponse:
    """Reads Authlete's 2xx fail answer. Raises ProtocolError when it is not a valid one."""
    return _parse_response(_bindings.get(library), body)


def _parse_response(functions, body: str) -> FailResponse:
    response = ctypes.c_void_p()
    functions.ciba_fail_response_parse(_text("body", body), response)
    return _take_response(functions, response)


def _take_response(functions, response: ctypes.c_void_p) -> FailResponse:
    """Reads a response the library handed out into a FailResponse, then frees it: four getters (the HTTP status
    follows from the action)."""
    try:
        action = functions.ciba_fail_response_action(response)
        content = functions.ciba_fail_response_content(response)
        code = functions.ciba_fail_response_result_code(response)
        message = functions.ciba_fail_response_result_message(response)
    finally:
        functions.ciba_fail_response_free(response)
    if content is None or action not in _FAIL_ACTIONS:
        raise ProtocolError(7, "Authlete's answer has no responseContent or no known action")
    fail_action, status = _FAIL_ACTIONS[action]
    # Made as responses.read makes its answers: without the frozen __init__ (a measurable share of a call).
    answer = object.__new__(FailResponse)
    answer.__dict__.update(action=fail_action, http_status=status, response_content=content.decode("utf-8"),
                           result_code=None if code is None else code.decode("utf-8"),
                           result_message=None if message is None else message.decode("utf-8"))
    return answer


def version(*, library: Optional[str] = None) -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return _bindings.get(library).version().decode()


class Client:
    """A libauthlete client: configuration, credentials and a pool of reused connections to Authlete.

    One Client is safe to use from many threads at once (ctypes releases the GIL, so calls really run in
    parallel); share it. Use it as a context manager, or call close(). Arguments left as None are not sent, so the
    library's defaults apply (API v3, region "us", timeout 30 s, connect timeout 10 s, no retries).

        with Client(base_url="https://us.authlete.com", token=TOKEN) as client:
            answer = client.ciba_fail("715948317", ticket=ticket, reason=FailReason.ACCESS_DENIED)

    Raises ConfigError for a malformed or incomplete configuration.
    """

    def __init__(self, base_url: Optional[str] = None, token: Optional[str] = None, *,
                 api_version: Optional[int] = None, api_key: Optional[str] = None, api_secret: Optional[str] = None,
                 region: Optional[str] = None, timeout_ms: Optional[int] = None,
                 connect_timeout_ms: Optional[int] = None, max_retries: Optional[int] = None,
                 user_agent: Optional[str] = None, ca_file: Union[str, "os.PathLike[str]", None] = None,
                 request_encoding: Optional[str] = None, library: Optional[str] = None):
        settings = {
            "baseUrl": base_url, "token": token, "apiVersion": api_version, "apiKey": api_key,
            "apiSecret": api_secret, "region": region, "timeoutMs": timeout_ms,
            "connectTimeoutMs": connect_timeout_ms, "maxRetries": max_retries, "userAgent": user_agent,
            "caFile": None if ca_file is None else os.fspath(ca_file), "requestEncoding": request_encoding,
        }
        self._open(json.dumps({key: value for key, value in settings.items() if value is not None}), library)

    @classmethod
    def from_environment(cls, *, library: Optional[str] = None) -> "Client":
        """A client configured from AUTHLETE_BASE_URL, AUTHLETE_BEARER (or AUTHLETE_SERVICE_ACCESSTOKEN),
        AUTHLETE_API_VERSION, AUTHLETE_SERVICE_APIKEY, AUTHLETE_SERVICE_APISECRET and AUTHLETE_TIMEOUT_MS."""
        client = cls.__new__(cls)
        client._open(None, library)
        return client

    def _open(self, config: Optional[str], library: Optional[str]) -> None:
        self._handle: Optional[int] = None  # set first: __del__ runs even when the constructor raises
        self._functions = _bindings.get(library)
        self._lock = threading.Lock()
        self._calls = 0
        self._service_ids: dict = {}
        self._idle: Optional[threading.Event] = None  # made by a close() that waits for calls in progress
        handle = ctypes.c_void_p()
        self._functions.client_new(_text("config", config), handle)
        self._handle = handle.value

    def _call(self, function, *arguments):
        """function(handle, *arguments) with the client's handle, which close() does not free while a call is in
        progress; what the function returns. (One method and a plain lock, not a context manager and a Condition:
        this runs on every call, and on this path each Python call costs microseconds.)"""
        with self._lock:
            if self._handle is None:
                raise ValueError("the client is closed")
            self._calls += 1
            handle = self._handle
        try:
            return function(handle, *arguments)
        finally:
            with self._lock:
                self._calls -= 1
                if self._calls == 0 and self._idle is not None:
                    self._idle.set()  # close() is waiting

    def _service_bytes(self, service_id: Union[str, int, None]) -> Optional[bytes]:
        """service_id as the C ABI takes it; a server uses a few service ids, so each str is encoded once (up to 16;
        only str keys, so that 1, 1.0 or True never find "1"'s bytes)."""
        encoded = _service_id(service_id)
        if len(self._service_ids) < 16 and service_id.__class__ is str and encoded:
            self._service_ids[service_id] = encoded
        return encoded

    @property
    def base_url(self) -> str:
        """The base URL requests go to, without a trailing "/"."""
        return self._call(self._functions.client_base_url).decode()

    @property
    def closed(self) -> bool:
        return self._handle is None

    def ciba_fail(self, service_id: Union[str, int], ticket: Optional[str] = None, reason: ReasonLike = None,
                  error_description: Optional[str] = None, error_uri: Optional[str] = None) -> FailResponse:
        """Rejects a backchannel authentication request: Authlete deletes `ticket` and answers with the action,
        the HTTP status and the responseContent to send to the client.

        `reason` is a FailReason or its name (None: Authlete uses SERVER_ERROR). Blocks for at most timeout_ms.
        Raises InvalidArgumentError (bad input), NullArgumentError (service_id None), NetworkError, TimeoutError,
        ApiError (Authlete answered non-2xx: log `.result_code`, `.body`), ProtocolError."""
        # One C call (authlete_client_ciba_fail_fields): no request JSON or answer text crosses the boundary, and
        # the Python work around it is kept to few calls (it is most of what the package adds to a call).
        service = self._service_ids.get(service_id) or self._service_bytes(service_id)
        ticket_bytes = _text("ticket", ticket)
        reason_bytes = _REASON_NAMES[reason] if reason.__class__ is FailReason else _reason_bytes(reason)
        description = None if error_description is None else _text("error_description", error_description)
        uri = None if error_uri is None else _text("error_uri", error_uri)
        response, error_body = ctypes.c_void_p(), ctypes.c_void_p()
        functions = self._functions
        status = self._call(functions.client_ciba_fail_fields, service, ticket_bytes, reason_bytes, description, uri,
                            response, error_body)
        if status:
            _bindings.raise_error(functions.library, status, error_body)
        return _take_response(functions, response)

    def _call_json(self, function, service_id: Union[str, int], request: bytes) -> str:
        """One authlete_client_ciba_* call with a request JSON; Authlete's body. A failure raises its AuthleteError
        (an ApiError carries Authlete's body)."""
        service = self._service_ids.get(service_id) or self._service_bytes(service_id)
        out = ctypes.c_void_p()
        status = self._call(function, service, request, out)
        if status:
            _bindings.raise_error(self._functions.library, status, out)
        return _native.take_string(self._functions.library, out) or ""

    def ciba_authentication(self, service_id: Union[str, int], parameters: str, authorization: Optional[str] = None,
                            client_certificate: Optional[str] = None, *,
                            client_certificate_path: Optional[Sequence[str]] = None,
                            oauth_client_attestation: Optional[str] = None,
                            oauth_client_attestation_pop: Optional[str] = None) -> AuthenticationResponse:
        """/backchannel/authentication: Authlete parses the client's request. `parameters` is the form body the
        client POSTed, verbatim; `authorization` its Authorization header (only a Basic header gives the client id
        and secret); `client_certificate` the PEM of its TLS client certificate.

        USER_IDENTIFICATION: identify the user (`hint_type`, `hint`, `sub`...), then ciba_fail or ciba_issue.
        The other actions: answer `http_status` with `response_content` (and for UNAUTHORIZED
        `WWW-Authenticate: Basic realm="backchannel/authentication"`). Raises as ciba_fail."""
        # The library writes the request and splits the header (the rule lives in one place).
        functions, out = self._functions, ctypes.c_void_p()
        status = functions.ciba_authentication_request_json(
            _text("parameters", parameters), None if authorization is None else _text("authorization", authorization),
            None if client_certificate is None else _text("client_certificate", client_certificate), out)
        if status:
            _bindings.raise_error(functions.library, status, None)
        request = (_native.take_string(functions.library, out) or "{}").encode("utf-8")
        if client_certificate_path is not None or oauth_client_attestation is not None \
                or oauth_client_attestation_pop is not None:
            optional = {"oauthClientAttestation": oauth_client_attestation,
                        "oauthClientAttestationPop": oauth_client_attestation_pop,
                        "clientCertificatePath": None if client_certificate_path is None else list(client_certificate_path)}
            document = json.loads(request)
            document.update({key: value for key, value in optional.items() if value is not None})
            request = _json_bytes(document)
        body = self._call_json(functions.client_ciba_authentication, service_id, request)
        return responses.read(AuthenticationResponse, body)

    def ciba_issue(self, service_id: Union[str, int], ticket: str) -> IssueResponse:
        """/backchannel/authentication/issue: the ticket of an accepted request becomes an auth_req_id. OK: answer
        200 with `response_content`; INVALID_TICKET and INTERNAL_SERVER_ERROR: 500. Raises as ciba_fail."""
        body = self._call_json(self._functions.client_ciba_issue, service_id,
                               _json_bytes({"ticket": ticket}))
        return responses.read(IssueResponse, body)

    def ciba_complete(self, service_id: Union[str, int], ticket: str, result: Union[CompleteResult, str],
                      subject: Optional[str] = None, *, sub: Optional[str] = None, acr: Optional[str] = None,
                      claims: Union[Mapping[str, object], str, None] = None, auth_time: Optional[int] = None,
                      error_description: Optional[str] = None, error_uri: Optional[str] = None,
                      scopes: Optional[Sequence[str]] = None, consented_claims: Optional[Sequence[str]] = None,
                      access_token: Optional[str] = None, id_token_aud_type: Optional[str] = None,
                      access_token_duration: Optional[int] = None, refresh_token_duration: Optional[int] = None,
                      properties: Optional[Sequence[Mapping[str, object]]] = None,
                      idt_header_params: Optional[str] = None, jwt_at_claims: Optional[str] = None) -> CompleteResponse:
        """/backchannel/authentication/complete: reports the end user's decision (`subject` required for
        AUTHORIZED). NOTIFICATION: POST `response_content` to `client_notification_endpoint` with
        `Authorization: Bearer <client_notification_token>` (or let ciba_decide do it); NO_ACTION: nothing to do;
        SERVER_ERROR: log it. Raises as ciba_fail."""
        fields = {"subject": subject, "sub": sub, "acr": acr, "claims": claims, "auth_time": auth_time,
                  "error_description": error_description, "error_uri": error_uri, "scopes": scopes,
                  "consented_claims": consented_claims, "access_token": access_token,
                  "id_token_aud_type": id_token_aud_type, "access_token_duration": access_token_duration,
                  "refresh_token_duration": refresh_token_duration, "properties": properties,
                  "idt_header_params": idt_header_params, "jwt_at_claims": jwt_at_claims}
        return responses.read(CompleteResponse, self._complete_body(service_id, ticket, result, fields))

    def ciba_decide(self, service_id: Union[str, int], ticket: str, result: Union[CompleteResult, str],
                    subject: Optional[str] = None, **fields: Any) -> "Decision":
        """The end user's decision, reported and delivered: ciba_complete (same arguments), then for NOTIFICATION
        (ping and push clients) the notification POSTed to the client's endpoint by the library (https, or http to
        loopback only; redirects never followed; 200 and 204 are success). Raises as ciba_complete, and
        NotificationError (with `http_status` and `response`) when the decision was recorded but not delivered."""
        body = self._complete_body(service_id, ticket, result, {"subject": subject, **fields})
        response = responses.read(CompleteResponse, body)
        if response.action is not CompleteAction.NOTIFICATION:
            return Decision(response, 0)
        try:
            return Decision(response, flow.notify(self, body))
        except NotificationError as error:
            error.response = response
            raise

    def ciba_notify(self, body: str) -> int:
        """Sends the notification of a NOTIFICATION answer of /complete, given Authlete's body of it (for a
        notification that ciba_decide could not deliver, retried later). The endpoint's status (200 or 204)."""
        return flow.notify(self, body)

    def _complete_body(self, service_id: Union[str, int], ticket: str, result: Union[CompleteResult, str],
                       fields: Mapping[str, Any]) -> str:
        """/complete with `fields` (ciba_complete's keyword arguments; None leaves one out): Authlete's body."""
        request = {"ticket": ticket, "result": _RESULT_NAMES[result] if result.__class__ is CompleteResult else result}
        for name, value in [item for item in fields.items() if item[1] is not None]:
            key = _COMPLETE_KEYS.get(name)
            if key is None:
                raise TypeError(f"ciba_complete() got an unexpected keyword argument {name!r}")
            if name == "claims" and isinstance(value, Mapping):
                value = _json_text(value)  # a string holding a JSON object, as Authlete takes it
            elif name in ("scopes", "consented_claims"):
                value = list(value)
            elif name == "properties":
                value = [dict(element) for element in value]
            request[key] = value
        return self._call_json(self._functions.client_ciba_complete, service_id, _json_bytes(request))

    def close(self) -> None:
        """Frees the client after any calls in progress have returned. Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            handle, self._handle = self._handle, None
            if self._calls and self._idle is None:
                self._idle = threading.Event()
            idle = self._idle if self._calls else None
        if idle is not None:
            idle.wait()
        if handle is not None:
            self._functions.client_free(handle)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may already be gone
            pass

    def __repr__(self) -> str:
        state = "closed" if self._handle is None else self.base_url
        return f"<authlete_ciba.Client {state}>"
