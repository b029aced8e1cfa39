"""Helpers of the examples' tests: the facts table, and starting/stopping sample servers by pid.

Every process is started on 127.0.0.1, read for its one `{"event":"listening",...}` line within a deadline, and
stopped by pid (SIGTERM, then SIGKILL after a deadline). Nothing here contacts any other host.
"""
from __future__ import annotations

import http.client
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

EXAMPLES = Path(__file__).resolve().parent
ROOT = EXAMPLES.parent
C_DIR = EXAMPLES / "c"
PYTHON_DIR = EXAMPLES / "python"
USERS = C_DIR / "users.txt"
ENDPOINT = "/backchannel/authentication"
RESPONSE_HEADERS = {
    "content-type": "application/json;charset=UTF-8",
    "cache-control": "no-store",
    "pragma": "no-cache",
}
# The facts table: reason -> (error in responseContent, action, HTTP status).
REASONS = {
    "ACCESS_DENIED": ("access_denied", "FORBIDDEN", 403),
    "EXPIRED_LOGIN_HINT_TOKEN": ("expired_login_hint_token", "BAD_REQUEST", 400),
    "INVALID_BINDING_MESSAGE": ("invalid_binding_message", "BAD_REQUEST", 400),
    "INVALID_TARGET": ("invalid_target", "BAD_REQUEST", 400),
    "INVALID_USER_CODE": ("invalid_user_code", "BAD_REQUEST", 400),
    "MISSING_USER_CODE": ("missing_user_code", "BAD_REQUEST", 400),
    "SERVER_ERROR": ("server_error", "INTERNAL_SERVER_ERROR", 500),
    "UNAUTHORIZED_CLIENT": ("unauthorized_client", "BAD_REQUEST", 400),
    "UNKNOWN_USER_ID": ("unknown_user_id", "BAD_REQUEST", 400),
}
RESULT_CODE = "A185001"
RESULT_MESSAGE = "[A185001] Successfully generated an error response for the backchannel authentication request."
SERVER_ERROR_BODY = b'{"error":"server_error"}'



def authlete_env(base_url: str, service: Optional[dict] = None, **extra: str) -> Dict[str, str]:
    """An environment for a sample host: the client's configuration and nothing inherited that could change it."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AUTHLETE_")}
    env["AUTHLETE_LIBRARY"] = os.environ["AUTHLETE_LIBRARY"]
    env["AUTHLETE_BASE_URL"] = base_url
    if service is not None:
        env["AUTHLETE_BEARER"] = service["token"]
    env.update(extra)
    return env


class Running:
    """A started sample server: its port, and its stderr once stopped."""

    def __init__(self, process: subprocess.Popen, port: int, log_path: Path):
        self.process, self.port, self.log_path = process, port, log_path

    def connection(self, timeout: float = 30) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def post(self, form: str, content_type: str = "application/x-www-form-urlencoded",
             path: str = ENDPOINT, method: str = "POST") -> Tuple[int, Dict[str, str], bytes]:
        """One request on a fresh connection: (status, lower-cased headers, body)."""
        connection = self.connection()
        try:
            headers = {"Content-Type": content_type} if content_type else {}
            connection.request(method, path, body=form.encode() if form is not None else None, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Signals the process by pid and waits; kills it after `timeout`. Returns its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
                raise AssertionError(f"pid {self.process.pid} ignored signal {sig} for {timeout} s")
        return self.process.returncode

    def stderr(self) -> str:
        return self.log_path.read_text(errors="replace")


class Launcher:
    """Starts servers that print a listening line, and stops any left running at the end of the session."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.running: List[Running] = []

    def start(self, argv: List[str], env: Dict[str, str], ready_timeout: float = 20, cwd: Path = EXAMPLES) -> Running:
        log_path = self.directory / f"server-{len(self.running)}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, env=env, cwd=cwd)
        line = self._first_line(process, ready_timeout)
        try:
            event = json.loads(line)
            assert event["event"] == "listening" and event["host"] == "127.0.0.1"
            port = int(event["port"])
        except (ValueError, KeyError, AssertionError):
            process.kill()
            process.wait(timeout=10)
            raise AssertionError(f"{argv[0]} did not start: {line!r}; stderr: {log_path.read_text()[-2000:]}")
        running = Running(process, port, log_path)
        self.running.append(running)
        return running

    @staticmethod
    def _first_line(process: subprocess.Popen, timeout: float) -> str:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                process.kill()
                process.wait(timeout=10)
                raise AssertionError(f"no listening line within {timeout} s")
        return process.stdout.readline().decode(errors="replace")

    def stop_all(self) -> None:
        for running in self.running:
            if running.process.poll() is None:
                running.process.kill()
                running.process.wait(timeout=10)
            running.process.stdout.close()


def run(argv: List[str], env: Dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)


def python_command(*arguments: str) -> List[str]:
    return [sys.executable, *arguments]


def deadline(seconds: float):
    """A monotonic deadline: call it to know whether time is left."""
    end = time.monotonic() + seconds
    return lambda: time.monotonic() < end


def check_failure_answer(server: "Running", secrets: List[str]) -> None:
    """A failing library call: 500 {"error":"server_error"} with the usual headers, and nothing of Authlete's."""
    status, headers, body = server.post("scope=openid&login_hint=carol")
    assert (status, body) == (500, SERVER_ERROR_BODY)
    assert {name: headers.get(name) for name in RESPONSE_HEADERS} == RESPONSE_HEADERS
    for secret in secrets:
        assert secret.encode() not in body
