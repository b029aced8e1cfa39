#!/usr/bin/env python3
"""A CIBA backchannel authentication endpoint in Python (http.server) with a simulated authentication device, the
twin of examples/c/backchannel-server: same user store (examples/c/users.txt), same checks, same answers, one
shared authlete_ciba.Client.

    AUTHLETE_BASE_URL=... AUTHLETE_BEARER=... python3 server_example.py --service-id 715948317 --port 8080

POST /backchannel/authentication: the client's form body and Authorization header go to BackchannelFlow, which
answers (200 with auth_req_id, or the error). POST /device/decide (form: auth_req_id,
decision=approve|deny|fail): Client.ciba_decide (/complete, then the ping/push notification).
Prints {"event":"listening","host":"127.0.0.1","port":N} when ready; stops on SIGINT/SIGTERM.
"""
from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from a checkout without installing
from authlete_ciba import (  # noqa: E402
    RESPONSE_HEADERS, AuthenticationResponse, AuthleteError, BackchannelFlow, Client, CompleteResult, FailReason,
    FlowStage, HintType, NotificationError,
)

ENDPOINT, DEVICE = "/backchannel/authentication", "/device/decide"
MAX_BODY = 16 * 1024
MAX_BINDING_MESSAGE = 64  # bytes: it must fit on the screens of both devices
SERVER_ERROR = b'{"error":"server_error"}'
BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})|%00")
INTEGER = re.compile(r"[+-]?[0-9]+")  # what strtoll takes whole, as in the C server
STATES = ("active", "blocked", "error")
PENDING_MAX = 4096  # as the C server's table
log = logging.getLogger("server_example")


@dataclass(frozen=True)
class User:
    subject: str
    email: Optional[str]
    phone: Optional[str]
    user_code: Optional[str]
    state: str  # active, blocked or error


@dataclass
class UserStore:
    """The user store of examples/c/users.txt (its header describes the format)."""
    users: Dict[str, User]
    tokens: Dict[str, Tuple[str, int]]  # login_hint_token -> (subject, expires)
    denied_clients: List[str]
    resources: List[str]

    @classmethod
    def load(cls, path: str) -> "UserStore":
        store = cls({}, {}, [], [])
        for number, line in enumerate(Path(path).read_text().splitlines(), 1):
            words = [None if word == "-" else word for word in line.split("#", 1)[0].split()]
            if words and not store._add(words):
                raise ValueError(f"{path}:{number}: expected `user SUBJECT EMAIL PHONE USER_CODE active|blocked|error` "
                                 "(unique), `token VALUE SUBJECT EXPIRES`, `deny-client ID` or `resource PREFIX`")
        return store

    def _add(self, w: list) -> bool:
        if w[0] == "user" and len(w) == 6 and w[1] and w[5] in STATES and w[1] not in self.users:
            self.users[w[1]] = User(*w[1:])
        elif w[0] == "token" and len(w) == 4 and w[1] and w[1] not in self.tokens and INTEGER.fullmatch(w[3] or ""):
            self.tokens[w[1]] = (w[2], int(w[3]))
        elif w[0] in ("deny-client", "resource") and len(w) == 2 and w[1]:
            (self.denied_clients if w[0] == "deny-client" else self.resources).append(w[1])
        else:
            return False
        return True

    def find(self, login_hint: Optional[str]) -> Optional[User]:
        return next((u for u in self.users.values() if login_hint in (u.subject, u.email, u.phone)), None) \
            if login_hint is not None else None


def check(store: UserStore, request: AuthenticationResponse,
          now: float) -> Tuple[Optional[User], Optional[FailReason], str]:
    """(user, None, "") to accept, or (None, reason, description): examples/c/policy.c's checks in its order."""
    token = None
    if request.hint_type is HintType.LOGIN_HINT:
        user = store.find(request.hint)
    elif request.hint_type is HintType.LOGIN_HINT_TOKEN:
        token = store.tokens.get(request.hint or "")
        user = store.users.get(token[0] or "") if token else None
    else:
        user = store.users.get(request.sub or "")
    if user is None:
        return None, FailReason.UNKNOWN_USER_ID, "no user matches the hint"
    if user.state == "error":
        return None, FailReason.SERVER_ERROR, "the user could not be looked up"
    if token is not None and token[1] <= now:
        return None, FailReason.EXPIRED_LOGIN_HINT_TOKEN, "login_hint_token has expired"
    if user.user_code is not None or request.user_code_required:
        if not request.user_code:
            return None, FailReason.MISSING_USER_CODE, "user_code is required"
        if user.user_code is None or not hmac.compare_digest(request.user_code.encode(), user.user_code.encode()):
            return None, FailReason.INVALID_USER_CODE, "user_code is wrong"
    message = request.binding_message
    if message and (len(message.encode()) > MAX_BINDING_MESSAGE or "://" in message
                    or any(ord(c) < 0x20 or ord(c) == 0x7F for c in message)):
        return (None, FailReason.INVALID_BINDING_MESSAGE,
                "binding_message must be at most 64 printable bytes, without a link")
    if str(request.client_id) in store.denied_clients:
        return None, FailReason.UNAUTHORIZED_CLIENT, "this client may not use CIBA here"
    if any(not any(r.startswith(prefix) for prefix in store.resources) for r in request.resources):
        return None, FailReason.INVALID_TARGET, "resource is not served here"
    if user.state == "blocked":
        return None, FailReason.ACCESS_DENIED, "access is denied for this user"
    return user, None, ""


class Pending:
    """The accepted requests the device has not decided yet: auth_req_id -> (ticket, subject, expires). Each is
    decided once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: Dict[str, Tuple[str, str, float]] = {}

    def add(self, auth_req_id: str, ticket: str, subject: str, expires: float) -> bool:
        with self._lock:
            if len(self._by_id) >= PENDING_MAX:
                now = time.time()
                for key in [k for k, v in self._by_id.items() if v[2] < now]:
                    del self._by_id[key]  # past their lifetime: Authlete would refuse them anyway
            if len(self._by_id) >= PENDING_MAX:
                return False
            self._by_id[auth_req_id] = (ticket, subject, expires)
            return True

    def take(self, auth_req_id: Optional[str]) -> Optional[Tuple[str, str]]:
        with self._lock:
            found = self._by_id.pop(auth_req_id or "", None)
            return None if found is None else found[:2]


# The request handling, without the HTTP server and the user store.
def backchannel_request(s: "BackchannelServer", form_body: str, authorization: Optional[str]):
    with BackchannelFlow(s.client, s.service_id) as flow:
        flow.start(form_body, authorization)
        if flow.stage is FlowStage.IDENTIFY_USER:
            user, reason, description = check(s.users, flow.request, time.time())
            if reason is not None:
                flow.reject(reason, description)
            elif flow.accept().status == 200 and flow.issue is not None:  # the device asks the user from now on
                expires = time.time() + flow.issue.expires_in
                if not s.device.add(flow.issue.auth_req_id, flow.request.ticket, user.subject, expires):
                    log.error("the device table is full: the request will expire undecided")
        if flow.error is not None:
            log.error("authlete: %s", flow.error)  # for the operator only, never for the client
        return flow.answer


DECISIONS = {"approve": CompleteResult.AUTHORIZED, "deny": CompleteResult.ACCESS_DENIED,
             "fail": CompleteResult.TRANSACTION_FAILED}


def device_decide(s: "BackchannelServer", auth_req_id: Optional[str], decision: Optional[str]) -> Tuple[int, dict]:
    if decision not in DECISIONS:
        return 400, {"error": "invalid_request"}
    pending = s.device.take(auth_req_id)
    if pending is None:
        return 404, {"error": "not_found"}
    ticket, subject = pending
    result = DECISIONS[decision]
    auth_time = int(time.time()) if result is CompleteResult.AUTHORIZED else None
    try:
        done = s.client.ciba_decide(s.service_id, ticket, result, subject, auth_time=auth_time)
        return 200, {"status": "AUTHLETE_OK", "action": done.response.action.name,
                     "notification_status": done.notification_status}
    except NotificationError as error:  # recorded, but the client was not notified
        log.error("complete: %s", error)
        return 502, {"status": error.status_name, "action": "NOTIFICATION", "notification_status": error.http_status}
    except AuthleteError as error:
        log.error("complete: %s", error)
        return 502, {"status": error.status_name, "action": "none", "notification_status": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the C server
    server: "BackchannelServer"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: logs go through `log`
        log.debug(format, *args)

    def reply(self, status: int, body: bytes, headers=None) -> None:
        self.send_response(status)
        for name, value in headers if headers is not None else RESPONSE_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path not in (ENDPOINT, DEVICE):
            return self.reply(404, b'{"error":"not_found"}')
        self.reply(405, b'{"error":"method_not_allowed"}', [*RESPONSE_HEADERS.items(), ("Allow", "POST")])

    def do_POST(self) -> None:
        if self.path not in (ENDPOINT, DEVICE):
            return self.reply(404, b'{"error":"not_found"}')
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self.close_connection = True  # the body is left unread
            return self.reply(413 if length > MAX_BODY else 400, b'{"error":"invalid_request"}')
        body = self.rfile.read(length)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if content_type != "application/x-www-form-urlencoded" or b"\x00" in body:
                raise ValueError("not a form")
            text = body.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return self.reply(400, b'{"error":"invalid_request"}')
        if self.path == DEVICE:
            return self.decide(text)
        try:
            answer = backchannel_request(self.server, text, self.headers.get("Authorization"))
        except AuthleteError as error:  # only out of memory: the flow itself answers every other failure
            log.error("authlete: %s", error)
            return self.reply(500, SERVER_ERROR)
        self.reply(answer.status, answer.body.encode("utf-8"), answer.headers)

    def decide(self, text: str) -> None:
        try:  # as the C server: a bad %-escape or an encoded NUL is an error
            if BAD_ESCAPE.search(text):
                raise ValueError("bad %-escape")
            form = parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
        except (ValueError, UnicodeDecodeError):
            return self.reply(400, b'{"error":"invalid_request"}')
        field = lambda name: form[name][0] if name in form else None  # noqa: E731 - the first one, as in C
        status, body = device_decide(self.server, field("auth_req_id"), field("decision"))
        self.reply(status, json.dumps(body, separators=(",", ":")).encode())


class BackchannelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, client: Client, service_id: str, users: UserStore):
        super().__init__(("127.0.0.1", port), Handler)  # a sample: loopback only
        self.client, self.service_id, self.users, self.device = client, service_id, users, Pending()


def main(argv: Optional[list] = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--users", default=str(here.parent / "c" / "users.txt"))
    parser.add_argument("--service-id", default=os.environ.get("AUTHLETE_SERVICE_APIKEY"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="server_example: %(message)s")
    if not arguments.service_id:
        parser.error("give --service-id or set AUTHLETE_SERVICE_APIKEY")
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with Client.from_environment() as client:
        server = BackchannelServer(arguments.port, client, arguments.service_id, UserStore.load(arguments.users))
        worker = threading.Thread(target=server.serve_forever, name="http")
        worker.start()
        print(json.dumps({"event": "listening", "host": "127.0.0.1", "port": server.server_address[1]},
                         separators=(",", ":")), flush=True)
        stop.wait()
        server.shutdown()  # serve_forever returns; the with block then frees the client
        worker.join()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
