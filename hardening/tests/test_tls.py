"""TLS against a local nginx on 127.0.0.1 (a TLS reverse proxy in front of the emulator) with certificates made at
test time: a NETWORK error without caFile (the test CA is not trusted), success with caFile, NETWORK on a hostname
mismatch (a certificate for another name, or signed by another CA), and no configuration key that turns
verification off (hardening/host/paths.c checks "insecure", "verifyPeer", "sslVerify": all CONFIG)."""
from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CONFIG, NETWORK, OK, host, run_host


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def openssl(*arguments: str, cwd: Path) -> None:
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(directory: Path) -> None:
    """ca (trusted through caFile), good (IP:127.0.0.1 by ca), other (DNS:other.invalid by ca), rogue (127.0.0.1,
    self-signed by an unrelated CA)."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=hardening test CA",
            cwd=directory)
    for name, san in (("good", "IP:127.0.0.1"), ("other", "DNS:other.invalid")):
        (directory / f"{name}.ext").write_text(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\n")
        openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=directory)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=directory)
    openssl("req", "-x509", *ec, "-keyout", "rogue.key", "-out", "rogue.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", cwd=directory)


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    upstream emulator {{ server 127.0.0.1:{upstream}; keepalive 8; }}
{servers}
}}
"""
SERVER = """    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {dir}/{name}.pem;
        ssl_certificate_key {dir}/{name}.key;
        location / {{ proxy_pass http://emulator; proxy_http_version 1.1; proxy_set_header Connection ""; }}
    }}"""


@pytest.fixture(scope="module")
def tls(emulator, tmp_path_factory):
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx is missing: scripts/ensure-deps.sh nginx (make check-hard does it)")
    directory = tmp_path_factory.mktemp("tls")
    make_certificates(directory)
    ports = {name: free_port() for name in ("good", "other", "rogue")}
    servers = "\n".join(SERVER.format(port=port, dir=directory, name=name) for name, port in ports.items())
    (directory / "nginx.conf").write_text(NGINX_CONF.format(dir=directory, upstream=emulator.port, servers=servers))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx, "-c", str(directory / "nginx.conf"), "-p", str(directory)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", ports["rogue"]), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"nginx did not start: {(directory / 'error.log').read_text()[-2000:]}")
            time.sleep(0.05)
    yield {"dir": directory, "ports": ports}
    process.send_signal(signal.SIGQUIT)  # graceful shutdown, by pid
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def call(tls, tmp_path, emulator, server: str, ca_file: str | None, service=None) -> tuple[int, str]:
    service = service or emulator.new_service(token="tok-SECRET-tls")
    config = {"baseUrl": f"https://127.0.0.1:{tls['ports'][server]}", "token": service["token"], "timeoutMs": 5000}
    if ca_file is not None:
        config["caFile"] = str(tls["dir"] / ca_file)
    result = run_host([host("plain"), "call", json.dumps(config), service["id"], '{"ticket":"t","reason":"ACCESS_DENIED"}'],
                      tmp_path, timeout=60, env={"HARD_SECRETS": "tok-SECRET-tls"}, expect_code=None)
    assert result.returncode != 100, result.report  # 100: a check of the host failed (a secret in last_error)
    return result.returncode, result.notes("call")["last_error"] if "last_error=" in result.report else ""


def test_untrusted_certificate_is_a_network_error(tls, tmp_path, emulator):
    status, _ = call(tls, tmp_path, emulator, "good", None)
    assert status == NETWORK


def test_success_with_the_ca_file(tls, tmp_path, emulator):
    service = emulator.new_service(token="tok-SECRET-tls")
    ticket = emulator.new_ticket(service["id"])
    config = {"baseUrl": f"https://127.0.0.1:{tls['ports']['good']}", "token": service["token"],
              "caFile": str(tls["dir"] / "ca.pem")}
    result = run_host([host("plain"), "call", json.dumps(config), service["id"],
                       json.dumps({"ticket": ticket, "reason": "ACCESS_DENIED"})], tmp_path, timeout=60,
                      env={"HARD_SECRETS": "tok-SECRET-tls"}, expect_code=None)
    assert result.returncode == OK, result.report
    assert not emulator.ticket_exists(ticket)


def test_hostname_mismatch_is_a_network_error(tls, tmp_path, emulator):
    """Trusted CA, but the certificate names other.invalid, not 127.0.0.1."""
    status, _ = call(tls, tmp_path, emulator, "other", "ca.pem")
    assert status == NETWORK


def test_certificate_of_another_ca_is_a_network_error(tls, tmp_path, emulator):
    """The right name (IP:127.0.0.1) signed by a CA that caFile does not hold."""
    status, _ = call(tls, tmp_path, emulator, "rogue", "ca.pem")
    assert status == NETWORK


def test_ca_file_must_be_readable(tls, tmp_path, emulator):
    status, _ = call(tls, tmp_path, emulator, "good", "no-such.pem")
    assert status == CONFIG
