"""A pytest plugin for your authorization server's own tests: the `authlete_emulator` fixture starts libauthlete's
local Authlete emulator on a free port for the test session and stops it at the end.

    def test_my_backchannel_endpoint(authlete_emulator):
        client = authlete_emulator.client()              # an authlete_ciba.Client on the emulator
        poll = authlete_emulator.clients["poll-client"]  # the default clients, by alias
        ...

Installed packages register it (entry point `pytest11`); otherwise add `-p authlete_ciba.testing` or
`pytest_plugins = ["authlete_ciba.testing"]`. The binary: `--authlete-emulator PATH`, else $AUTHLETE_EMULATOR, else
`authlete-emulator` on the PATH (the Debian package and the release tarball ship it; the wheel does not).
Extra arguments for it (a `--config FILE`, say): `--authlete-emulator-args "..."`. Only 127.0.0.1 is used.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import threading
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple

import pytest

STARTUP_SECONDS = 30


@dataclass(frozen=True)
class EmulatedClient:
    """A client application registered in the emulator's service."""
    client_id: int
    alias: Optional[str]
    secret: Optional[str]
    auth_method: str
    delivery_mode: str
    notification_endpoint: Optional[str]


@dataclass(frozen=True)
class RunningEmulator:
    """A started emulator: where it listens and its first service's id, token, v2 API secret and clients."""
    base_url: str
    port: int
    pid: int
    service_id: str
    token: str
    api_secret: Optional[str]
    clients: Dict[str, EmulatedClient]  # by alias, else by str(client_id)

    def client(self, **settings: Any):
        """An authlete_ciba.Client on the emulator (API v3 with the service's token); settings as Client takes."""
        from .client import Client
        return Client(base_url=self.base_url, token=self.token, **settings)

    def admin(self, method: str, path: str, body: Optional[dict] = None) -> Tuple[int, Any]:
        """One call of the emulator's admin API (README: "Admin endpoints"), e.g. ("POST", "/_emulator/clock",
        {"advanceSeconds": 601})."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


def find_emulator(explicit: Optional[str] = None) -> str:
    """The emulator binary: `explicit`, else $AUTHLETE_EMULATOR, else `authlete-emulator` on the PATH."""
    path = explicit or os.environ.get("AUTHLETE_EMULATOR") or shutil.which("authlete-emulator")
    if not path or not os.access(path, os.X_OK):
        raise FileNotFoundError("authlete-emulator not found: install it (Debian package authlete-emulator, or "
                                "bin/ of the release tarball), or set AUTHLETE_EMULATOR / --authlete-emulator")
    return path


def start(binary: str, arguments: Sequence[str] = ()) -> Tuple[subprocess.Popen, int]:
    """Starts the emulator on a free loopback port and waits (bounded) for its listening line."""
    process = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", "0", "--quiet", *arguments],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: list = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(STARTUP_SECONDS)
    try:
        event = json.loads(lines[0]) if lines else None
    except ValueError:
        event = None
    if not event or event.get("event") != "listening":
        stop(process)
        error = process.stderr.read().decode(errors="replace")[-2000:] if process.stderr else ""
        raise RuntimeError(f"the emulator did not start within {STARTUP_SECONDS} s: {error}")
    # Its log goes to stderr: drain it so that a chatty emulator never blocks on a full pipe.
    threading.Thread(target=lambda: process.stderr.read(), daemon=True).start()
    return process, int(event["port"])


def stop(process: subprocess.Popen) -> None:
    """SIGTERM (a graceful stop), then SIGKILL after 10 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def describe(process: subprocess.Popen, port: int) -> RunningEmulator:
    base_url = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(base_url + "/_emulator/config", timeout=10) as answer:
        service = json.loads(answer.read())["services"][0]
    clients = {}
    for entry in service.get("clients", []):
        made = EmulatedClient(entry["clientId"], entry.get("clientIdAlias"), entry.get("clientSecret"),
                              entry.get("authMethod", "CLIENT_SECRET_BASIC"), entry.get("deliveryMode", "POLL"),
                              entry.get("notificationEndpoint"))
        clients[made.alias or str(made.client_id)] = made
    return RunningEmulator(base_url, port, process.pid, service["serviceId"], (service.get("tokens") or [""])[0],
                           service.get("apiSecret"), clients)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("authlete_ciba")
    group.addoption("--authlete-emulator", default=None, help="the authlete-emulator binary to start")
    group.addoption("--authlete-emulator-args", default="", help="extra arguments for it (shell words)")


@pytest.fixture(scope="session")
def authlete_emulator(pytestconfig: pytest.Config):
    """The emulator for the test session (see the module's text)."""
    binary = find_emulator(pytestconfig.getoption("--authlete-emulator"))
    process, port = start(binary, shlex.split(pytestconfig.getoption("--authlete-emulator-args")))
    try:
        yield describe(process, port)
    finally:
        stop(process)
