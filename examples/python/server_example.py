#!/usr/bin/env python3
"""The rejection path of a CIBA backchannel authentication endpoint in Python (http.server), like
examples/c/backchannel-server.c: same user table, same checks, one shared authlete_ciba.Client.

    AUTHLETE_BASE_URL=... AUTHLETE_BEARER=... python3 server_example.py --service-id 715948317 --port 8080

POST /backchannel/authentication (application/x-www-form-urlencoded: login_hint, user_code, binding_message,
ticket). Prints {"event":"listening","host":"127.0.0.1","port":N} when ready; stops on SIGINT/SIGTERM.
"""
from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from a checkout without installing
from authlete_ciba import RESPONSE_HEADERS, AuthleteError, Client, FailReason  # noqa: E402

ENDPOINT = "/backchannel/authentication"
MAX_BODY = 16 * 1024
SERVER_ERROR = b'{"error":"server_error"}'
log = logging.getLogger("server_example")

User = Tuple[Optional[str], str]  # (user code or None, state)


def load_users(path: str) -> Dict[str, User]:
    """login_hint -> (user_code, state), from the file format of examples/c/users.txt."""
    users: Dict[str, User] = {}
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 3 or words[2] not in ("active", "blocked", "error") or words[0] in users:
            raise ValueError(f"{path}:{number}: expected `login_hint user_code active|blocked|error` (unique)")
        users[words[0]] = (None if words[1] == "-" else words[1], words[2])
    return users


def decide(users: Dict[str, User], login_hint: Optional[str], user_code: Optional[str],
           binding_message: Optional[str]) -> Optional[Tuple[FailReason, str]]:
    """The reason to reject with and its description, or None to proceed (the order of examples/c/policy.c)."""
    user = users.get(login_hint or "")
    if user is None:
        return FailReason.UNKNOWN_USER_ID, "login_hint does not identify a user"
    code, state = user
    if state == "error":
        return FailReason.SERVER_ERROR, "the user could not be looked up"
    if code is not None:
        if not user_code:
            return FailReason.MISSING_USER_CODE, "user_code is required"
        if not hmac.compare_digest(user_code.encode(), code.encode()):
            return FailReason.INVALID_USER_CODE, "user_code is wrong"
    if binding_message is not None and not (
            0 < len(binding_message.encode()) <= 64 and all(ord(c) >= 0x20 and ord(c) != 0x7F for c in binding_message)):
        return FailReason.INVALID_BINDING_MESSAGE, "binding_message must be 1 to 64 printable bytes"
    if state == "blocked":
        return FailReason.ACCESS_DENIED, "access is denied for this user"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the C server
    server: "BackchannelServer"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: logs go through `log`
        log.debug(format, *args)

    def reply(self, status: int, body: bytes, extra: Optional[Dict[str, str]] = None) -> None:
        self.send_response(status)
        for name, value in {**RESPONSE_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path != ENDPOINT:
            self.reply(404, b'{"error":"not_found"}')
        else:
            self.reply(405, b'{"error":"method_not_allowed"}', {"Allow": "POST"})

    def do_POST(self) -> None:
        if self.path != ENDPOINT:
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
            if content_type != "application/x-www-form-urlencoded":
                raise ValueError("not a form")
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, errors="strict")
        except (ValueError, UnicodeDecodeError):
            return self.reply(400, b'{"error":"invalid_request"}')
        if any("\x00" in value for values in form.values() for value in values):
            return self.reply(400, b'{"error":"invalid_request"}')  # as the C server: no NUL inside a value
        field = lambda name: form[name][0] if name in form else None  # noqa: E731 - the first one, as in C
        verdict = decide(self.server.users, field("login_hint"), field("user_code"), field("binding_message"))
        if verdict is None:
            return self.reply(501, b'{"error":"not_implemented","error_description":"this sample only rejects"}')
        reason, description = verdict
        try:
            answer = self.server.client.ciba_fail(self.server.service_id, ticket=field("ticket"), reason=reason,
                                                  error_description=description)
        except AuthleteError as error:
            # Details (and Authlete's body) go to the log only, never to the client.
            log.error("ciba_fail failed: %s (body: %s)", error, getattr(error, "body", None))
            return self.reply(500, SERVER_ERROR)
        self.reply(answer.http_status, answer.response_content.encode("utf-8"))


class BackchannelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, client: Client, service_id: str, users: Dict[str, User]):
        super().__init__(("127.0.0.1", port), Handler)  # a sample: loopback only
        self.client, self.service_id, self.users = client, service_id, users


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
        server = BackchannelServer(arguments.port, client, arguments.service_id, load_users(arguments.users))
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
