"""Fixtures shared by every pytest suite of the project (the ABI tests and the examples' tests).

The emulator is the project's own local Authlete (`authlete-emulator`, built by `make emulator`): started once per
session on 127.0.0.1 with a free port, stopped by pid at the end. Tests create their own services and tickets through
its admin endpoints, so they never share state.
"""
from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "examples" / "python"))

DEFAULT_LIBRARY = ROOT / "build" / "lib" / "libauthlete.so.0"
DEFAULT_EMULATOR = ROOT / ".build" / "release" / "authlete-emulator"


class Emulator:
    """A running emulator and its admin endpoints."""

    def __init__(self, process: subprocess.Popen, port: int, log_path: Path):
        self.process = process
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._ids = itertools.count(5000)
        self.admin_calls = 0

    def admin(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        self.admin_calls += 1
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def new_service(self, fault: str | None = None, token: str | None = None, api_secret: str | None = None) -> dict:
        """A fresh service of its own (id, token, apiSecret), optionally answering with a fault."""
        service_id = str(next(self._ids))
        service = {"serviceId": service_id, "tokens": [token or f"token-{service_id}"],
                   "apiSecret": api_secret or f"secret-{service_id}"}
        if fault:
            service["fault"] = fault
        status, _ = self.admin("POST", "/_emulator/services", service)
        assert status == 201, status
        return {"id": service_id, "token": service["tokens"][0], "apiSecret": service["apiSecret"]}

    def new_ticket(self, service_id: str) -> str:
        status, body = self.admin("POST", "/_emulator/tickets", {"serviceId": service_id})
        assert status == 201, (status, body)
        return body["ticket"]

    def ticket_exists(self, ticket: str) -> bool:
        status, body = self.admin("GET", f"/_emulator/tickets/{ticket}")
        return status == 200 and body.get("exists") is True

    def stats(self) -> dict:
        """Connections accepted and API requests served so far. The connections of this object's own admin calls
        (urllib opens one per call, this query's included) are not counted."""
        stats = self.admin("GET", "/_emulator/stats")[1]
        return {**stats, "connections": stats["connections"] - self.admin_calls}


def start_emulator(log_path: Path, *arguments: str) -> Emulator:
    binary = os.environ.get("AUTHLETE_EMULATOR", str(DEFAULT_EMULATOR))
    if not os.path.exists(binary):
        pytest.exit(f"{binary} is missing: run `make emulator` (or `make test`) first", returncode=2)
    log = open(log_path, "wb")
    process = subprocess.Popen([binary, "--port", "0", *arguments], stdout=subprocess.PIPE, stderr=log)
    line = process.stdout.readline().decode()
    try:
        event = json.loads(line)
    except ValueError:
        process.kill()
        pytest.exit(f"the emulator did not start: {line!r} (log: {log_path})", returncode=2)
    return Emulator(process, int(event["port"]), log_path)


def stop_emulator(emulator: Emulator) -> None:
    emulator.process.send_signal(signal.SIGTERM)
    try:
        emulator.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emulator.process.kill()
        emulator.process.wait()


@pytest.fixture(scope="session")
def emulator(tmp_path_factory) -> Emulator:
    running = start_emulator(tmp_path_factory.mktemp("emulator") / "emulator.log")
    yield running
    stop_emulator(running)


@pytest.fixture(scope="session")
def library_path() -> str:
    path = os.environ.get("AUTHLETE_LIBRARY", str(DEFAULT_LIBRARY))
    if not os.path.exists(path):
        pytest.exit(f"{path} is missing: run `make` (or `make test`) first", returncode=2)
    return path


@pytest.fixture(scope="session")
def unused_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
