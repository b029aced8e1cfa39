#!/usr/bin/env python3
"""A small CIBA client application (standard library only): it authenticates to a backchannel authentication
endpoint (the samples' servers), starts a request, and for ping and push receives its notification on a local
listener; for poll it reports the auth_req_id (the token endpoint is not part of the samples).

    python3 ciba_client.py --server http://127.0.0.1:8080 --client-id 1002 --client-secret ping-secret \\
        --listen-port 9090 --login-hint alice --user-code 1234 --decide approve

Every HTTP exchange is printed. --decide plays the end user: it asks the sample server's simulated authentication
device (POST /device/decide) to approve, deny or fail the request. --json prints one summary line instead.
Exit status: 0 accepted (and notified, when listening), 1 refused by the server, 2 no notification in time,
64 usage. Everything stays on 127.0.0.1 unless --server says otherwise.
"""
from __future__ import annotations

import argparse
import base64
import http.client
import json
import secrets
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional, Tuple
from urllib.parse import urlencode, urlsplit

ENDPOINT, DEVICE = "/backchannel/authentication", "/device/decide"


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its answer, as sent and received."""
    method: str
    url: str
    request_headers: Tuple[Tuple[str, str], ...]
    request_body: str
    status: int
    reason: str
    headers: Tuple[Tuple[str, str], ...]
    body: str

    def json(self) -> dict:
        return json.loads(self.body) if self.body else {}

    def lines(self) -> List[str]:
        out = [f">>> {self.method} {self.url}"] + [f">>> {k}: {v}" for k, v in self.request_headers]
        out += [">>>", f">>> {self.request_body}", f"<<< {self.status} {self.reason}"]
        out += [f"<<< {k}: {v}" for k, v in self.headers if k.lower() != "date"]
        return out + ["<<<", f"<<< {self.body}"]


def post_form(url: str, form: Dict[str, object], headers: Optional[Dict[str, str]] = None,
              timeout: float = 30, connection: Optional[http.client.HTTPConnection] = None) -> Exchange:
    """POSTs a form (a list value repeats its key). A given keep-alive connection is used as it is."""
    parts = urlsplit(url)
    body = urlencode([(k, v) for k, values in form.items() if values is not None
                      for v in (values if isinstance(values, list) else [values])])
    sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    own = connection is None
    connection = connection or http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        connection.request("POST", parts.path or "/", body=body.encode(), headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return Exchange("POST", url, tuple(sent.items()), body, response.status, response.reason,
                        tuple(response.getheaders()), text)
    finally:
        if own:
            connection.close()


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str
    method: str = "basic"  # client_secret_basic, or "post": client_secret_post

    def apply(self, form: Dict[str, object], headers: Dict[str, str]) -> None:
        if self.method == "post":
            form.update(client_id=self.client_id, client_secret=self.client_secret)
        else:  # sent as they are: Authlete reads the two halves without form-urldecoding them
            pair = f"{self.client_id}:{self.client_secret}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()


def start_request(server: str, credentials: Credentials, parameters: Dict[str, object],
                  connection: Optional[http.client.HTTPConnection] = None) -> Exchange:
    """The backchannel authentication request: parameters (scope, login_hint, user_code, ...) plus client auth."""
    form, headers = dict(parameters), {}
    credentials.apply(form, headers)
    return post_form(server.rstrip("/") + ENDPOINT, form, headers, connection=connection)


def device_decide(server: str, auth_req_id: str, decision: str,
                  connection: Optional[http.client.HTTPConnection] = None) -> Exchange:
    """Plays the end user on the sample server's simulated authentication device."""
    return post_form(server.rstrip("/") + DEVICE, {"auth_req_id": auth_req_id, "decision": decision},
                     connection=connection)


@dataclass
class Notification:
    path: str
    authorization: str
    body: dict
    raw: str


@dataclass
class NotificationListener:
    """The client's notification endpoint on 127.0.0.1: it answers 204 to a POST carrying one of the expected bearer
    tokens and keeps it by auth_req_id; anything else gets 401 and is only counted."""
    port: int = 0
    path: str = "/ciba/notification"
    received: Dict[str, List[Notification]] = field(default_factory=dict)
    refused: int = 0

    def __post_init__(self) -> None:
        self._tokens: set = set()
        self._changed = threading.Condition()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0)).decode("utf-8", "replace")
                status = listener._take(self.path, self.headers.get("Authorization", ""), raw)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="notifications", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def expect(self, token: str) -> None:
        with self._changed:
            self._tokens.add(token)

    def _take(self, path: str, authorization: str, raw: str) -> int:
        try:
            body = json.loads(raw)
            auth_req_id = body["auth_req_id"]
        except (ValueError, KeyError, TypeError):
            body, auth_req_id = None, None
        with self._changed:
            if path != self.path or not authorization.startswith("Bearer ") or \
                    authorization[7:] not in self._tokens or not isinstance(auth_req_id, str):
                self.refused += 1
                return 401
            self.received.setdefault(auth_req_id, []).append(Notification(path, authorization, body, raw))
            self._changed.notify_all()
        return 204

    def wait(self, auth_req_id: str, timeout: float) -> Optional[Notification]:
        with self._changed:
            self._changed.wait_for(lambda: auth_req_id in self.received, timeout)
            found = self.received.get(auth_req_id)
            return found[0] if found else None

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "NotificationListener":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 64 (usage), not argparse's 2 (which means "no notification")
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(64)


def main(argv: Optional[list] = None) -> int:
    parser = Parser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, help="the backchannel server's base URL")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--auth", choices=("basic", "post"), default="basic", help="client_secret_basic or _post")
    parser.add_argument("--scope", default="openid")
    hint = parser.add_mutually_exclusive_group(required=True)
    hint.add_argument("--login-hint")
    hint.add_argument("--login-hint-token")
    hint.add_argument("--id-token-hint")
    parser.add_argument("--user-code")
    parser.add_argument("--binding-message")
    parser.add_argument("--resource", action="append")
    parser.add_argument("--listen-port", type=int, help="ping/push: listen for the notification on this port")
    parser.add_argument("--notification-token", help="default: a random one when listening")
    parser.add_argument("--decide", choices=("approve", "deny", "fail"), help="ask the simulated device")
    parser.add_argument("--timeout", type=float, default=10, help="seconds to wait for the notification")
    parser.add_argument("--json", action="store_true", help="one summary line instead of the exchanges")
    arguments = parser.parse_args(argv)
    show = (lambda *lines: None) if arguments.json else (lambda *lines: print(*lines, sep="\n", flush=True))

    listener = NotificationListener(arguments.listen_port) if arguments.listen_port is not None else None
    token = arguments.notification_token or (secrets.token_urlsafe(16) if listener else None)
    summary: Dict[str, object] = {}
    try:
        if listener and token:
            listener.expect(token)
            show(f"*** listening for notifications on {listener.url}")
        parameters = {"scope": arguments.scope, "login_hint": arguments.login_hint,
                      "login_hint_token": arguments.login_hint_token, "id_token_hint": arguments.id_token_hint,
                      "user_code": arguments.user_code, "binding_message": arguments.binding_message,
                      "resource": arguments.resource, "client_notification_token": token}
        credentials = Credentials(arguments.client_id, arguments.client_secret, arguments.auth)
        started = start_request(arguments.server, credentials, parameters)
        show("", *started.lines())
        summary.update(status=started.status, answer=started.json())
        if started.status != 200:
            return 1
        auth_req_id = started.json()["auth_req_id"]
        show("", f"*** accepted: auth_req_id {auth_req_id}")
        if arguments.decide:
            decided = device_decide(arguments.server, auth_req_id, arguments.decide)
            show("", f"*** the end user: {arguments.decide}", *decided.lines())
            summary["device"] = {"status": decided.status, "answer": decided.json()}
        if listener is None:
            show("", "*** poll mode: the client would now poll the token endpoint with this auth_req_id")
            return 0
        notification = listener.wait(auth_req_id, arguments.timeout)
        if notification is None:
            show("", f"*** no notification within {arguments.timeout:g} s")
            summary["notification"] = None
            return 2
        show("", f"*** notification received: POST {notification.path}",
             f"*** Authorization: {notification.authorization}", f"*** {notification.raw}")
        summary["notification"] = notification.body
        return 0
    finally:
        if listener:
            listener.close()
        if arguments.json:
            print(json.dumps(summary, separators=(",", ":")), flush=True)


if __name__ == "__main__":
    sys.exit(main())
