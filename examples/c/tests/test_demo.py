"""`make demo` (examples/demo.sh): the whole flow in each mode and every rejection, and nothing left running."""
from __future__ import annotations

import os
import re
import socket
import subprocess

from testing_support import EXAMPLES, REASONS


def test_the_demo_runs_and_stops_what_it_started(c_build):
    result = subprocess.run([str(EXAMPLES / "demo.sh")], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    assert out.count('"action":"NO_ACTION"') == 1 and out.count('"action":"NOTIFICATION"') == 3
    assert out.count("*** notification received: POST /ciba/notification") == 3
    assert '"token_type":"Bearer"' in out and '"error":"access_denied"}' in out
    for reason, (error, _, _) in REASONS.items():  # every fail reason once
        assert out.count(f'<<< {{"error":"{error}","error_description":') == 1, reason
    assert 'WWW-Authenticate: Basic realm="backchannel/authentication"' in out
    ports = {int(port) for port in re.findall(r"http://127\.0\.0\.1:(\d+)", out)}
    assert len(ports) == 3  # the emulator, the server and the client application's listener
    for port in ports:  # nobody listens there any more
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, port
