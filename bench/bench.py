"""Runs the side-by-side benchmark and writes every measurement to a JSON file (bench/report.py prints the table).

Targets: nginx (Debian's, a generated config in a temporary directory, fixed 200 body) and the emulator, each
started here on 127.0.0.1 with a free port, pinned to CPU 1, and stopped by pid. Clients are pinned to CPU 0 (this
process pins itself, the clients inherit it) and alternate within each round: A B C ... C B A ... Each client run
is bounded by --seconds and by a number of calls, and every wait here has a timeout.

TCP connections opened by a client are counted by the target: nginx's stub_status "accepts", the emulator's
GET /_emulator/stats "connections"; each of those queries opens one connection itself, which is subtracted.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVICE, TOKEN = "1000", "emulator-token"
# Authlete's documented successful answer, byte for byte.
BODY = ('{"resultCode":"A185001","resultMessage":"[A185001] Successfully generated an error response for the '
        'backchannel authentication request.","action":"FORBIDDEN","responseContent":"{\\"error\\":\\"access_denied\\"}"}')


def _scope(name: str, attributes=None) -> dict:
    return {"name": name, "defaultEntry": False, "description": None, "descriptions": None, "attributes": attributes}


# A realistic answer of /backchannel/authentication for a valid request (1.5 KB, as Authlete writes it: every
# member, null where unset): scopes as objects, the claim names that profile and email imply, hint, user code.
AUTHENTICATION_ANSWER = {
    "resultCode": "A179001",
    "resultMessage": "[A179001] The backchannel authentication request was processed successfully.",
    "action": "USER_IDENTIFICATION", "responseContent": None, "ticket": "c4iy3TWGn74UMO7ihRl0ZS8OEUzV9axBlBbJbqxH-9Q",
    "clientId": 26862190133482, "clientIdAlias": "my-ciba-client", "clientIdAliasUsed": False,
    "clientName": "My CIBA Client", "clientEntityId": None, "clientEntityIdUsed": False,
    "metadataDocumentLocation": None, "metadataDocumentUsed": False, "clientAuthMethod": "CLIENT_SECRET_BASIC",
    "deliveryMode": "POLL", "scopes": [_scope("openid"), _scope("profile"), _scope("email", [{"key": "fapi", "value": "r"}])],
    "dynamicScopes": None,
    "claimNames": ["name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile",
                   "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "email",
                   "email_verified"],
    "acrs": ["urn:mace:incommon:iap:silver"], "hintType": "LOGIN_HINT", "hint": "john", "sub": None,
    "bindingMessage": "W4SCT", "userCode": "my-user-code", "userCodeRequired": True, "clientNotificationToken": None,
    "requestedExpiry": 300, "requestContext": None, "resources": None, "authorizationDetails": None, "warnings": None,
    "gmAction": None, "grantId": None, "grantSubject": None, "grant": None,
    "serviceAttributes": [{"key": "domain", "value": "as.example.com"}],
    "clientAttributes": [{"key": "tier", "value": "gold"}],
}
AUTH_REQ_ID = "5Oa8Wr_F2IdKxwe1ZS9dZSeXsaDTGOWY_EmaglVIbos"
ISSUE_ANSWER = {
    "resultCode": "A183001", "resultMessage": "[A183001] An auth_req_id was issued successfully.", "action": "OK",
    "responseContent": json.dumps({"auth_req_id": AUTH_REQ_ID, "interval": 5, "expires_in": 600}, separators=(",", ":")),
    "authReqId": AUTH_REQ_ID, "expiresIn": 600, "interval": 5,
}
COMPLETE_ANSWER = {
    "resultCode": "A198001",
    "resultMessage": "[A198001] Successfully updated the database so that the token endpoint can generate tokens "
                     "(mode = poll, result = AUTHORIZED).",
    "action": "NO_ACTION", "responseContent": None, "clientId": 26862190133482, "clientIdAlias": "my-ciba-client",
    "clientIdAliasUsed": False, "clientName": "My CIBA Client", "deliveryMode": "POLL",
    "clientNotificationEndpoint": None, "clientNotificationToken": None, "authReqId": AUTH_REQ_ID,
    "accessToken": None, "refreshToken": None, "idToken": None, "accessTokenDuration": 0, "refreshTokenDuration": 0,
    "idTokenDuration": 0, "jwtAccessToken": None, "resources": None, "authorizationDetails": None,
    "serviceAttributes": None, "clientAttributes": None, "grantId": None,
}
# nginx's fixed answer per endpoint path after /api/{serviceId}, each in a POST-only location of its own.
ANSWERS = {
    "/backchannel/authentication/fail": BODY,
    "/backchannel/authentication": json.dumps(AUTHENTICATION_ANSWER, separators=(",", ":")),
    "/backchannel/authentication/issue": json.dumps(ISSUE_ANSWER, separators=(",", ":")),
    "/backchannel/authentication/complete": json.dumps(COMPLETE_ANSWER, separators=(",", ":")),
}
LOCATION = """        location ~ ^/api/[^/]+{path}$ {{
            if ($request_method != POST) {{
                return 405;
            }}
            default_type application/json;
            return 200 '{body}';
        }}
"""
SERVER_CPU, CLIENT_CPU = 1, 0
# No proxy may ever be used: the clients talk to 127.0.0.1 only.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")

# Stdlib HTTP for the harness's own queries, never through a proxy.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def nginx_string(text: str) -> str:
    """text inside nginx's single quotes, which take \\\\ and \\' as escapes."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(method: str, url: str, body: bytes = None, timeout: float = 5.0, ca_file: str = None):
    request = urllib.request.Request(url, data=body, method=method, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json", "Accept": "application/json"})
    opener = OPENER if ca_file is None else urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=ca_file)))
    with opener.open(request, timeout=timeout) as answer:
        return answer.status, answer.read().decode()


def make_certificates(directory: str) -> str:
    """A CA and a certificate for IP 127.0.0.1 signed by it (P-256, valid 2 days) in `directory`; the CA's path."""
    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], cwd=directory, check=True, capture_output=True, timeout=60)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bench CA")
    with open(os.path.join(directory, "server.ext"), "w") as extensions:
        extensions.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl("req", *key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext")
    return os.path.join(directory, "ca.pem")


def stop(process: subprocess.Popen) -> None:
    """Stops a server this script started, by its pid: TERM, then KILL after 5 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Nginx:
    """nginx with the fixed answer; with tls, over https (what Authlete serves) with a CA made for the run, which
    every client is given as its only extra trust (--ca)."""

    def __init__(self, pin: list, tls: bool = False):
        self.pin, self.tls = pin, tls
        self.name = "nginx-tls" if tls else "nginx"
        self.directory = tempfile.mkdtemp(prefix="libauthlete-bench-nginx-")
        self.process = None
        self.ca_file = make_certificates(self.directory) if tls else None

    def start(self) -> None:
        with open(os.path.join(HERE, "nginx.conf.in")) as template_file:
            template = template_file.read()
        locations = "".join(LOCATION.format(path=path, body=nginx_string(body)) for path, body in ANSWERS.items())
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        for _ in range(5):  # a free port can be taken between the probe and nginx's bind: try again, bounded
            self.port = free_port()
            config = os.path.join(self.directory, "nginx.conf")
            with open(config, "w") as config_file:
                tls = (f"        ssl_certificate {self.directory}/server.pem;\n"
                       f"        ssl_certificate_key {self.directory}/server.key;\n"
                       "        ssl_protocols TLSv1.2 TLSv1.3;\n" if self.tls else "")
                config_file.write(template.replace("@DIR@", self.directory).replace("@PORT@", str(self.port))
                                  .replace("@SSL@", " ssl" if self.tls else "").replace("@TLS@", tls)
                                  .replace("@LOCATIONS@", locations))
            with open(os.path.join(self.directory, "stderr.log"), "w") as stderr:
                self.process = subprocess.Popen(self.pin + [binary, "-p", self.directory, "-c", config],
                                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
            for _ in range(100):
                if self.process.poll() is not None:
                    break
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                        return
                except OSError:
                    time.sleep(0.02)
            stop(self.process)
        detail = ""
        for name in ("error.log", "stderr.log"):
            try:
                with open(os.path.join(self.directory, name), errors="replace") as log_file:
                    detail += log_file.read()[-2000:]
            except OSError:
                pass
        shutil.rmtree(self.directory, ignore_errors=True)
        raise SystemExit(f"nginx did not start:\n{detail}")

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def connections(self) -> int:
        _, text = http("GET", f"{self.url}/_nginx/status", ca_file=self.ca_file)
        # "Active connections: 1 \nserver accepts handled requests\n 5 5 9 \n..."
        return int(text.splitlines()[2].split()[0])

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
        shutil.rmtree(self.directory, ignore_errors=True)


class Emulator:
    name = "emulator"
    ca_file = None

    def __init__(self, pin: list, binary: str):
        self.pin, self.binary, self.process = pin, binary, None

    def start(self) -> None:
        self.process = subprocess.Popen(self.pin + [self.binary, "--port", "0", "--quiet"], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()  # the one line it prints once bound
        if not line:
            stop(self.process)
            raise SystemExit("the emulator did not start")
        self.port = json.loads(line)["port"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connections(self) -> int:
        _, text = http("GET", f"{self.url}/_emulator/stats")
        return json.loads(text)["connections"]

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process.stdout.close()


def clients(args) -> list:
    """(key, command without the target's URL) in the order they alternate within a round. A key is
    "<client> [<call>] x<threads>": no call is /fail, "json" /fail through the three-call path, else the endpoint."""
    common = ["--token", TOKEN, "--service", SERVICE, "--seconds", str(args.seconds)]
    python = [args.python, os.path.join(HERE, "python", "client.py")]
    c_max = ["--max-calls", "200000"]
    chosen = [
        ("c-libauthlete x1", [args.host, "--threads", "1"] + c_max + common),
        ("c-raw-libcurl x1", [args.raw, "--threads", "1"] + c_max + common),
        ("c-libauthlete json x1", [args.host, "--threads", "1", "--call", "fail-json"] + c_max + common),
        ("c-libauthlete x4", [args.host, "--threads", "4"] + c_max + common),
        ("c-raw-libcurl x4", [args.raw, "--threads", "4"] + c_max + common),
        ("c-libauthlete authentication x1", [args.host, "--threads", "1", "--call", "authentication"] + c_max + common),
        ("c-raw-libcurl authentication x1", [args.raw, "--threads", "1", "--call", "authentication"] + c_max + common),
        ("py-libauthlete x1", python + ["--kind", "libauthlete", "--threads", "1", "--max-calls", "50000"] + common),
        ("py-ctypes x1", python + ["--kind", "ctypes", "--threads", "1", "--max-calls", "50000"] + common),
        ("py-ctypes json x1", python + ["--kind", "ctypes", "--call", "fail-json", "--threads", "1",
                                        "--max-calls", "50000"] + common),
        ("py-authlete-sdk x1", python + ["--kind", "sdk", "--threads", "1", "--max-calls", "5000"] + common),
        ("py-requests x1", python + ["--kind", "requests", "--threads", "1", "--max-calls", "20000"] + common),
        ("py-libauthlete x4", python + ["--kind", "libauthlete", "--threads", "4", "--max-calls", "50000"] + common),
        ("py-ctypes x4", python + ["--kind", "ctypes", "--threads", "4", "--max-calls", "50000"] + common),
        ("py-authlete-sdk x4", python + ["--kind", "sdk", "--threads", "4", "--max-calls", "5000"] + common),
        ("py-requests x4", python + ["--kind", "requests", "--threads", "4", "--max-calls", "20000"] + common),
    ]
    for call in ("authentication", "issue", "complete"):
        for kind in ("libauthlete", "ctypes"):
            chosen.append((f"py-{kind} {call} x1", python + ["--kind", kind, "--call", call, "--threads", "1",
                                                              "--max-calls", "50000"] + common))
    return chosen


def runs_on(key: str, target: str) -> bool:
    """Whether the target answers the key's endpoint: nginx answers every one with a fixed body, the emulator /fail
    only (its /issue and /complete need a ticket its own /backchannel/authentication made)."""
    call = key.split()[1] if len(key.split()) == 3 else None
    return target != "emulator" or call in (None, "json")


def client_environment(library: str) -> dict:
    environment = {key: value for key, value in os.environ.items()
                   if key not in PROXY_VARIABLES and not key.startswith("AUTHLETE_")}
    environment["NO_PROXY"] = environment["no_proxy"] = "127.0.0.1,localhost"
    environment["PYTHONPATH"] = os.path.join(ROOT, "examples", "python")
    environment["AUTHLETE_LIBRARY"] = library
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def run_client(target, key: str, command: list, environment: dict, seconds: float) -> dict:
    before = target.connections()
    load = os.getloadavg()[0]
    t0 = time.monotonic_ns()
    trust = ["--ca", target.ca_file] if target.ca_file else []
    process = subprocess.run(command + ["--url", target.url, "--t0", str(t0)] + trust, env=environment,
                             stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=seconds + 60)
    after = target.connections()
    if process.returncode != 0:
        raise SystemExit(f"{key} on {target.name} failed ({process.returncode}):\n{process.stderr[-2000:]}")
    result = json.loads(process.stdout.strip().splitlines()[-1])
    result.update(key=key, target=target.name, connections=after - before - 1, load1=load)
    return result


def instructions_per_call(target, key: str, command: list, environment: dict) -> float:
    """User-space instructions per call under callgrind: (I(600 calls) - I(100 calls)) / 500, which leaves out
    start-up. Deterministic, so other jobs on the machine do not disturb it as they do calls/s and CPU time."""
    counts = []
    with tempfile.TemporaryDirectory() as directory:
        for calls in (100, 600):
            done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={directory}/out"] + command
                                  + ["--seconds", "300", "--max-calls", str(calls), "--url", target.url],
                                  env=environment, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                  timeout=600)
            found = [line for line in done.stderr.splitlines() if "Collected :" in line]
            if done.returncode != 0 or not found:
                raise SystemExit(f"callgrind of {key} failed ({done.returncode}):\n{done.stderr[-2000:]}")
            counts.append(int(found[-1].split(":")[-1]))
    return (counts[1] - counts[0]) / 500


def library_sizes(library: str) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        stripped = os.path.join(directory, "libauthlete.so")
        subprocess.run(["strip", "-o", stripped, library], check=True, timeout=60)
        return {"file": os.path.getsize(library), "stripped": os.path.getsize(stripped)}


def versions(args) -> dict:
    def first_line(command):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"
    sdk = subprocess.run([args.python, "-c", "import importlib.metadata as m; print(m.version('authlete'), "
                          "m.version('requests'))"], capture_output=True, text=True, timeout=30).stdout.split()
    cpu = "?"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"nginx": first_line(["nginx", "-v"]), "curl": first_line(["curl-config", "--version"]),
            "python": first_line([args.python, "--version"]), "authlete_sdk": sdk[0] if sdk else "?",
            "requests": sdk[1] if len(sdk) > 1 else "?", "cpu": cpu, "cpus": os.cpu_count(),
            "kernel": platform.release(), "memory_gib": round(os.sysconf("SC_PAGE_SIZE") *
                                                              os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="the C client on libauthlete")
    parser.add_argument("--raw", required=True, help="the C client on libcurl + cJSON")
    parser.add_argument("--python", required=True, help="the virtualenv's python (authlete SDK, requests)")
    parser.add_argument("--emulator", required=True)
    parser.add_argument("--library", required=True, help="the .so whose stripped size is reported")
    parser.add_argument("--python-library", default=os.path.join(ROOT, "build", "lib", "libauthlete.so.0"),
                        help="the .so authlete_ciba loads (to measure a candidate build side by side)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.2)
    parser.add_argument("--targets", default="nginx,nginx-tls,emulator")
    parser.add_argument("--only", default="", help="comma-separated client keys (default: all)")
    parser.add_argument("--nice", type=int, default=-10,
                        help="niceness for this script, the clients and the servers (root only; 0 to leave it)")
    parser.add_argument("--callgrind", choices=["auto", "on", "off"], default="auto",
                        help="count the C clients' instructions per call under valgrind (auto: when installed)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not (1 <= args.rounds <= 20 and 0.2 <= args.seconds <= 30):
        parser.error("rounds 1..20, seconds 0.2..30")

    pinned = (os.cpu_count() or 1) >= 2 and shutil.which("taskset") is not None
    server_pin = ["taskset", "-c", str(SERVER_CPU)] if pinned else []
    if pinned:
        os.sched_setaffinity(0, {CLIENT_CPU})  # the clients inherit CPU 0
    else:
        log("fewer than 2 CPUs or no taskset: nothing is pinned")
    niceness = 0
    if args.nice:
        try:  # inherited by the clients and the servers: other jobs on the machine disturb the figures less
            niceness = os.nice(args.nice)
        except PermissionError:
            log("not root: running at the normal priority")
    environment = client_environment(os.path.abspath(args.python_library))
    selected = clients(args)
    if args.only:
        wanted = set(args.only.split(","))
        selected = [client for client in selected if client[0] in wanted]

    results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "machine": versions(args), "pinned": pinned, "server_cpu": SERVER_CPU if pinned else None,
               "client_cpu": CLIENT_CPU if pinned else None, "nice": niceness, "rounds": args.rounds, "seconds": args.seconds,
               "library": library_sizes(args.library), "runs": [], "instructions": {}}
    started = time.monotonic()
    for name in args.targets.split(","):
        if name not in ("nginx", "nginx-tls", "emulator"):
            raise SystemExit(f"unknown target {name!r} (nginx, nginx-tls, emulator)")
        target = Emulator(server_pin, args.emulator) if name == "emulator" else Nginx(server_pin, tls=name == "nginx-tls")
        target.start()
        try:
            status, text = http("POST", f"{target.url}/api/{SERVICE}/backchannel/authentication/fail",
                                json.dumps({"ticket": "bench-ticket", "reason": "ACCESS_DENIED"}).encode(),
                                ca_file=target.ca_file)
            if status != 200 or json.loads(text)["action"] != "FORBIDDEN" or (name != "emulator" and text != BODY):
                raise SystemExit(f"{name} answered {status} {text!r}")
            here = [(key, command) for key, command in selected if runs_on(key, name)]
            if name == "nginx" and (args.callgrind == "on" or (args.callgrind == "auto" and shutil.which("valgrind"))):
                for key, command in here:
                    if key.startswith("c-") and key.endswith("x1"):
                        count = instructions_per_call(target, key, command, environment)
                        results["instructions"][key] = count
                        log(f"{key}: {count:.0f} user-space instructions per call (callgrind)")
            for round_number in range(1, args.rounds + 1):
                # A B C ... then ... C B A: alternating the direction cancels a drift in the machine's load.
                order = here if round_number % 2 else list(reversed(here))
                for key, command in order:
                    result = run_client(target, key, command, environment, args.seconds)
                    result["round"] = round_number
                    results["runs"].append(result)
                    log(f"{name} round {round_number} {key}: {result['calls_per_s']:.0f} calls/s, "
                        f"p50 {result['p50_us']:.0f} us, {result['cpu_us_per_call']:.0f} us CPU/call, "
                        f"{result['connections']} conn, load {result['load1']:.2f}")
        finally:
            target.stop()
    results["elapsed_s"] = round(time.monotonic() - started, 1)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as out:
        json.dump(results, out, indent=1)
    log(f"wrote {args.out} ({results['elapsed_s']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
