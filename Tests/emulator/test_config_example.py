"""examples/emulator/default-config.json, the documented example of the emulator's configuration file: it holds
the default setup the README documents, and the emulator started with it serves exactly what it serves without
one (the start-up line and --ready-file too)."""
import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "emulator" / "default-config.json"
BINARY = os.environ.get("AUTHLETE_EMULATOR", str(ROOT / ".build" / "release" / "authlete-emulator"))


def printed(*arguments):
    return json.loads(subprocess.run([BINARY, *arguments, "--print-config"], capture_output=True, text=True,
                                     check=True, timeout=60).stdout)


def test_the_example_is_the_documented_default_setup():
    service, = json.loads(EXAMPLE.read_text())["services"]
    assert (service["serviceId"], service["tokens"], service["apiSecret"]) == ("1000", ["emulator-token"],
                                                                                 "emulator-secret")
    assert (service["ciba"]["authReqIdDuration"], service["ciba"]["pollingInterval"]) == (600, 5)
    clients = {c["clientId"]: (c.get("clientIdAlias"), c.get("clientSecret"), c.get("authMethod"), c.get("deliveryMode"),
                               c.get("userCodeRequired", False)) for c in service["clients"]}
    assert clients == {
        9007199254740993: ("poll-client", "poll-secret", "CLIENT_SECRET_BASIC", "POLL", False),
        1002: ("ping-client", "ping-secret", "CLIENT_SECRET_BASIC", "PING", False),
        1003: ("push-client", "push-secret", "CLIENT_SECRET_POST", "PUSH", False),
        1004: ("usercode-client", "usercode-secret", "CLIENT_SECRET_BASIC", "POLL", True),
    }


def test_the_emulator_reads_it_back_unchanged():
    assert printed("--config", str(EXAMPLE)) == printed() == json.loads(EXAMPLE.read_text())


def test_the_ready_file_holds_the_listening_line(tmp_path):
    ready = tmp_path / "ready.json"
    process = subprocess.Popen([BINARY, "--port", "0", "--quiet", "--config", str(EXAMPLE), "--ready-file", str(ready)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = json.loads(process.stdout.readline())
        deadline = time.monotonic() + 10
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert json.loads(ready.read_text()) == line
        assert line["event"] == "listening" and line["host"] == "127.0.0.1" and line["port"] > 0
    finally:
        process.terminate()
        process.wait(timeout=10)
