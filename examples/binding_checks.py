"""The tests of the Java, Go and Node.js bindings, written once and run against each runtime's driver.

Each binding has a driver (examples/<runtime>/...binding-driver...) that reads one JSON command per line and answers
with what the binding's idiomatic API returned: {"ok": <typed result>} or {"error": {status, name, detail, body}}.
The assertions below take their values from Authlete's documented answers (statuses, bodies, result codes; the
README's emulator section lists them) and the emulator's documented defaults, never from a binding's output.

Run: `make -C examples test-bindings` (all three), or BINDINGS=go python3 -m pytest -q examples/binding_checks.py.
Not collected by `pytest examples` (the file name does not start with test_): the runtimes are built first.
"""
from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from testing_support import EXAMPLES, REASONS, RESULT_CODE, RESULT_MESSAGE, authlete_env, deadline, run  # noqa: E402

POLL_ID, POLL_SECRET = 9007199254740993, "poll-secret"  # the emulator's default poll client (2^53 + 1)
AUTHENTICATED = "[A179001] The backchannel authentication request was processed successfully."
ISSUED = "[A183001] An auth_req_id was issued successfully."
COMPLETED_POLL = ("[A198001] Successfully updated the database so that the token endpoint can generate tokens "
                  "(mode = poll, result = AUTHORIZED).")
SERVER_ERROR_500 = {"resultCode": "A001101", "resultMessage": "[A001101] Authlete server error."}
STATUS = {"INVALID_ARGUMENT": 2, "CONFIG": 3, "NETWORK": 4, "TIMEOUT": 5, "API": 6, "PROTOCOL": 7}
JAVA_CLASSES = EXAMPLES / "java" / "build" / "classes"
JAVA = ["java", "-Dfile.encoding=ANSI_X3.4-1968", "-cp", f"{JAVA_CLASSES}:/usr/share/java/jna.jar"]
DRIVERS = {
    "go": [str(EXAMPLES / "go" / "build" / "binding-driver")],
    "node": ["node", "--expose-gc", str(EXAMPLES / "node" / "test" / "binding-driver.js")],
    "java": [*JAVA, "authlete.test.BindingDriver"],
}
SAMPLES = {
    "go": [str(EXAMPLES / "go" / "build" / "ciba-fail")],
    "node": ["node", str(EXAMPLES / "node" / "ciba-fail.js")],
    "java": [*JAVA, "authlete.sample.CibaFail"],
}
RUNTIMES = [name for name in os.environ.get("BINDINGS", "go,node,java").split(",") if name]


def runtime_env() -> dict:
    """A C locale (JDK 17 then defaults to ASCII: the bindings must pass UTF-8 as bytes), the library under test
    (set by examples/conftest.py; the Java binding loads it by this explicit path) and no proxy (conftest)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "AUTHLETE_"))}
    env["LC_ALL"] = "C"
    env["AUTHLETE_LIBRARY"] = os.environ["AUTHLETE_LIBRARY"]
    return env


class Driver:
    """One running driver process; `call` sends a command and returns its answer (30 s each at most)."""

    def __init__(self, runtime: str, log_path: Path):
        self.runtime = runtime
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(DRIVERS[runtime], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=log, env=runtime_env())

    def call(self, op: str, timeout: float = 60, **arguments) -> dict:
        self.process.stdin.write((json.dumps({"op": op, **arguments}) + "\n").encode())
        self.process.stdin.flush()
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            assert selector.select(timeout), f"{self.runtime} driver: no answer to {op} in {timeout} s"
        line = self.process.stdout.readline()
        assert line, f"{self.runtime} driver exited: {self.log_path.read_text(errors='replace')[-3000:]}"
        answer = json.loads(line)
        assert "fatal" not in answer, answer
        return answer

    def ok(self, op: str, **arguments):
        answer = self.call(op, **arguments)
        assert "ok" in answer, answer
        return normalized(answer["ok"])

    def error(self, op: str, **arguments) -> dict:
        answer = self.call(op, **arguments)
        assert "error" in answer, answer
        return answer["error"]

    def client(self, emulator, service: dict | None = None, **config) -> int:
        config = {"baseUrl": emulator.base_url, "token": service["token"] if service else "unused", **config}
        return self.ok("client", config=config)["client"]

    def stop(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def normalized(value):
    """An absent member: "" in Go, null in Java and Node. Both become None."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    return None if value == "" else value


@pytest.fixture(scope="session", params=RUNTIMES)
def driver(request, tmp_path_factory, library_path, _library_for_ctypes):
    started = Driver(request.param, tmp_path_factory.mktemp(f"driver-{request.param}") / "stderr.log")
    yield started
    started.stop()
    assert started.process.returncode == 0, started.log_path.read_text(errors="replace")[-3000:]


@pytest.fixture()
def service(emulator) -> dict:
    return emulator.new_service()


@pytest.fixture()
def client(driver, emulator, service):
    made = driver.client(emulator, service)
    yield made
    driver.ok("close", client=made)


# --- version -----------------------------------------------------------------------------------------------------

def test_the_version_rule_accepts_the_0_2_series_only(driver):
    answer = driver.ok("version", probe=[200, 201, 299, 199, 300, 100, 10200, 0])
    assert (answer["version"], answer["number"], answer["header"]) == ("0.2.0", 200, 200)
    assert answer["accepted"] == [True, True, True, False, False, False, False, False]


# --- /fail: every reason with its exact status and body ----------------------------------------------------------

@pytest.mark.parametrize("reason", sorted(REASONS))
def test_every_fail_reason(driver, client, emulator, service, reason):
    error, action, status = REASONS[reason]
    ticket = emulator.new_ticket(service["id"])
    answer = driver.ok("fail", client=client, service=service["id"], ticket=ticket, reason=reason)
    assert (answer["action"], answer["httpStatus"]) == (action, status)
    assert json.loads(answer["responseContent"]) == {"error": error}
    assert (answer["resultCode"], answer["resultMessage"]) == (RESULT_CODE, RESULT_MESSAGE)
    assert not emulator.ticket_exists(ticket)


def test_no_reason_is_server_error_and_text_travels_as_utf8(driver, client, service):
    answer = driver.ok("fail", client=client, service=service["id"], ticket="t")
    assert (answer["action"], answer["httpStatus"]) == ("INTERNAL_SERVER_ERROR", 500)
    assert json.loads(answer["responseContent"]) == {"error": "server_error"}
    description, uri = "Zugriff verweigert – Ärger “ü” 認証 🙂", "https://as.example/errors?code=1&x=%C3%A9"
    answer = driver.ok("fail", client=client, service=service["id"], ticket="t", reason="ACCESS_DENIED",
                       description=description, uri=uri)
    assert answer["httpStatus"] == 403
    assert json.loads(answer["responseContent"]) == {"error": "access_denied", "error_description": description,
                                                     "error_uri": uri}


# --- one failure of each kind ------------------------------------------------------------------------------------

def test_a_closed_port_is_a_network_error(driver, emulator, unused_port):
    made = driver.ok("client", config={"baseUrl": f"http://127.0.0.1:{unused_port}", "token": "x"})["client"]
    error = driver.error("fail", client=made, service="1000", ticket="t", reason="ACCESS_DENIED")
    assert (error["status"], error["name"], error["body"]) == (STATUS["NETWORK"], "AUTHLETE_ERR_NETWORK", None)
    assert error["detail"]
    driver.ok("close", client=made)


def test_a_slow_answer_is_a_timeout(driver, emulator):
    service = emulator.new_service(fault="delay=3000,on=fail")
    made = driver.client(emulator, service, timeoutMs=300)
    started = time.monotonic()
    error = driver.error("fail", client=made, service=service["id"], ticket="t", reason="ACCESS_DENIED")
    assert time.monotonic() - started < 2.5
    assert (error["status"], error["name"], error["body"]) == (STATUS["TIMEOUT"], "AUTHLETE_ERR_TIMEOUT", None)
    driver.ok("close", client=made)


def test_an_authlete_error_carries_status_detail_and_body(driver, emulator):
    service = emulator.new_service(fault="status=500,on=issue")
    made = driver.client(emulator, service)
    error = driver.error("issue", client=made, service=service["id"], ticket="t")
    assert (error["status"], error["name"]) == (STATUS["API"], "AUTHLETE_ERR_API")
    assert json.loads(error["body"]) == SERVER_ERROR_500 and error["resultCode"] == "A001101"
    assert "500" in error["detail"] and "A001101" in error["detail"]
    # on=issue: the other calls of the same service answer normally.
    assert driver.ok("fail", client=made, service=service["id"], ticket="t", reason="INVALID_TARGET")["httpStatus"] == 400
    wrong = driver.client(emulator, {"token": "not-a-token"})
    error = driver.error("fail", client=wrong, service=service["id"], ticket="t", reason="ACCESS_DENIED")
    assert error["status"] == STATUS["API"] and json.loads(error["body"])["resultCode"] == "A458101"
    assert "401" in error["detail"]
    for closing in (made, wrong):
        driver.ok("close", client=closing)


@pytest.mark.parametrize("fault, op", [("non-json", "fail"), ("unknown-action,on=complete", "complete"),
                                       ("no-action,on=authentication", "authentication")])
def test_an_answer_that_is_not_authletes_is_a_protocol_error(driver, emulator, fault, op):
    service = emulator.new_service(fault=fault)
    made = driver.client(emulator, service)
    error = driver.error(op, client=made, service=service["id"], ticket="t", reason="ACCESS_DENIED",
                         parameters="login_hint=john&scope=openid", result="ACCESS_DENIED")
    assert (error["status"], error["name"], error["body"]) == (STATUS["PROTOCOL"], "AUTHLETE_ERR_PROTOCOL", None)
    assert error["detail"]
    driver.ok("close", client=made)


def test_bad_input_is_refused_before_sending(driver, client, emulator, service):
    before = emulator.stats()["requests"]
    error = driver.error("fail", client=client, service=service["id"], ticket="t", reason="NOPE")
    assert (error["status"], error["name"]) == (STATUS["INVALID_ARGUMENT"], "AUTHLETE_ERR_INVALID_ARGUMENT")
    assert "NOPE" in error["detail"]
    error = driver.error("complete", client=client, service=service["id"], ticket="t", result="AUTHORIZED")
    assert error["status"] == STATUS["INVALID_ARGUMENT"] and "subject" in error["detail"]
    assert driver.error("fail", client=client, service="../1000", reason="ACCESS_DENIED")["status"] == 2
    assert emulator.stats()["requests"] == before
    error = driver.error("client", config={"baseUrl": emulator.base_url + "/api", "token": "x"})
    assert (error["status"], error["name"]) == (STATUS["CONFIG"], "AUTHLETE_ERR_CONFIG")


# --- 8 concurrent callers on one client --------------------------------------------------------------------------

CALLERS, CALLS = 8, 25


def test_eight_callers_share_one_client_and_its_connections(driver, client, emulator, service):
    before = emulator.stats()["connections"]
    answer = driver.ok("concurrent", client=client, service=service["id"], ticket="t", reason="INVALID_TARGET",
                       callers=CALLERS, calls=CALLS)
    assert answer["errors"] in ([], None)
    assert answer["outcomes"] == {'400 {"error":"invalid_target"}': CALLERS * CALLS}
    opened = emulator.stats()["connections"] - before
    print(f"{driver.runtime}: {CALLERS} callers x {CALLS} calls opened {opened} connections")
    assert 1 <= opened <= CALLERS


# --- the 0.2 calls: a whole flow ---------------------------------------------------------------------------------

def test_the_whole_poll_flow_typed(driver, client, emulator, service):
    parsed = driver.ok("authentication", client=client, service=service["id"],
                       parameters="login_hint=john&scope=openid%20profile&binding_message=Hi",
                       clientId=str(POLL_ID), clientSecret=POLL_SECRET)
    assert (parsed["action"], parsed["httpStatus"], parsed["responseContent"]) == ("USER_IDENTIFICATION", 0, None)
    assert (parsed["resultCode"], parsed["resultMessage"]) == ("A179001", AUTHENTICATED)
    assert parsed["clientId"] == POLL_ID  # exact: 2^53 + 1 is not a double
    assert (parsed["clientIdAlias"], parsed["clientName"], parsed["deliveryMode"]) == ("poll-client", "Poll Client",
                                                                                       "POLL")
    assert (parsed["hintType"], parsed["hint"], parsed["bindingMessage"]) == ("LOGIN_HINT", "john", "Hi")
    assert sorted(parsed["scopes"]) == ["openid", "profile"] and parsed["userCodeRequired"] is False
    ticket = parsed["ticket"]
    assert emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["state"] == "created"

    issued = driver.ok("issue", client=client, service=service["id"], ticket=ticket)
    assert (issued["action"], issued["httpStatus"]) == ("OK", 200)
    assert (issued["resultCode"], issued["resultMessage"]) == ("A183001", ISSUED)
    assert (issued["expiresIn"], issued["interval"]) == (600, 5)
    assert json.loads(issued["responseContent"]) == {"auth_req_id": issued["authReqId"], "expires_in": 600,
                                                     "interval": 5}

    done = driver.ok("complete", client=client, service=service["id"], ticket=ticket, result="AUTHORIZED",
                     subject="john", claims='{"given_name":"John"}')
    assert (done["action"], done["resultCode"], done["resultMessage"]) == ("NO_ACTION", "A198001", COMPLETED_POLL)
    assert (done["clientId"], done["deliveryMode"], done["authReqId"]) == (POLL_ID, "POLL", issued["authReqId"])
    assert done["responseContent"] is None and done["accessToken"] is None
    ticket_state = emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]
    assert ticket_state["state"] == "completed" and ticket_state["outcome"]["subject"] == "john"
    assert json.loads(ticket_state["outcome"]["claims"]) == {"given_name": "John"}


def test_a_push_client_denied(driver, client, service):
    parsed = driver.ok("authentication", client=client, service=service["id"],
                       parameters="login_hint=john&scope=openid&client_notification_token=tok&client_id=1003"
                                  "&client_secret=push-secret")
    assert (parsed["action"], parsed["deliveryMode"], parsed["clientNotificationToken"]) == (
        "USER_IDENTIFICATION", "PUSH", "tok")
    issued = driver.ok("issue", client=client, service=service["id"], ticket=parsed["ticket"])
    done = driver.ok("complete", client=client, service=service["id"], ticket=parsed["ticket"],
                     result="ACCESS_DENIED", description="no")
    assert (done["action"], done["clientNotificationEndpoint"]) == ("NOTIFICATION", "http://127.0.0.1:9/ciba/push")
    assert done["clientNotificationToken"] == "tok" and done["clientId"] == 1003
    assert json.loads(done["responseContent"]) == {"auth_req_id": issued["authReqId"], "error": "access_denied",
                                                   "error_description": "no"}


def test_errors_of_the_client_come_as_actions(driver, client, service):
    bad = driver.ok("authentication", client=client, service=service["id"], parameters="login_hint=john&scope=email",
                    clientId=str(POLL_ID), clientSecret=POLL_SECRET)
    assert (bad["action"], bad["httpStatus"]) == ("BAD_REQUEST", 400)
    assert json.loads(bad["responseContent"])["error"] == "invalid_scope" and bad["ticket"] is None
    unknown = driver.ok("authentication", client=client, service=service["id"], parameters="login_hint=john&scope=openid")
    assert (unknown["action"], unknown["httpStatus"]) == ("UNAUTHORIZED", 401)
    assert json.loads(unknown["responseContent"])["error"] == "invalid_client"
    invalid = driver.ok("issue", client=client, service=service["id"], ticket="no-such-ticket")
    assert (invalid["action"], invalid["httpStatus"]) == ("INVALID_TICKET", 500)
    assert json.loads(invalid["responseContent"])["error"] == "server_error"
    refused = driver.ok("complete", client=client, service=service["id"], ticket="no-such-ticket",
                        result="ACCESS_DENIED")
    assert refused["action"] == "SERVER_ERROR"


# --- everything handed out is freed ------------------------------------------------------------------------------

def test_nothing_handed_out_is_leaked(driver, client, emulator, service):
    """The C heap in use (glibc mallinfo2, all arenas) after a warm-up of ROUNDS rounds of six calls (every kind of
    answer, an API error body, a refused argument) and after each of two more runs of ROUNDS rounds. A leak grows
    both runs alike; a runtime's one-off growth (JIT, caches) does not, so the smaller growth counts. A leak of 100
    bytes per round would add 50 KB to each. The JVM mallocs and frees megabytes on its own (GC, JIT), which hides
    such figures: for Java the binding's count of native objects not yet freed must be 0 instead."""
    fault = emulator.new_service(fault="status=403")
    answer = driver.ok("leakcheck", client=client, service=service["id"], faultService=fault["id"], rounds=ROUNDS,
                       parameters="login_hint=john&scope=openid", clientId=str(POLL_ID), clientSecret=POLL_SECRET,
                       timeout=180)
    growth = min(answer["middle"] - answer["before"], answer["after"] - answer["middle"])
    print(f"{driver.runtime}: C heap growth over {ROUNDS} rounds: {growth} bytes ({answer})")
    if driver.runtime == "java":
        assert answer["live"] == 0, answer
    else:
        assert growth < LEAK_LIMIT, answer


ROUNDS, LEAK_LIMIT = 500, 40 * 1024


def test_the_leak_check_sees_a_leaked_body(driver, emulator, service):
    """The control: ROUNDS fail bodies left unfreed (C code of the Go driver) exceed the limit by this measure."""
    only("go", driver)
    growth = driver.ok("leakcontrol", config={"baseUrl": emulator.base_url, "token": service["token"]},
                       service=service["id"], rounds=ROUNDS)["growth"]
    print(f"control: {ROUNDS} unfreed fail bodies grew the C heap by {growth} bytes")
    assert growth > LEAK_LIMIT


# --- the sample CLIs ---------------------------------------------------------------------------------------------

def test_the_sample_cli(driver, emulator, service):
    ticket = emulator.new_ticket(service["id"])
    # The JVM decodes its arguments with the locale's charset (C: ASCII), before the binding sees them.
    env = {**authlete_env(emulator.base_url, service), "LC_ALL": "C.UTF-8" if driver.runtime == "java" else "C"}
    result = run([*SAMPLES[driver.runtime], "--service-id", service["id"], "--ticket", ticket, "--reason",
                  "UNKNOWN_USER_ID", "--description", "no such user ü"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "action: BAD_REQUEST", "http_status: 400",
        'response_content: {"error":"unknown_user_id","error_description":"no such user ü"}',
        "result_code: A185001"]
    assert not emulator.ticket_exists(ticket)
    result = run([*SAMPLES[driver.runtime], "--service-id", service["id"], "--reason", "ACCESS_DENIED"],
                 {**env, "AUTHLETE_BEARER": "wrong"})
    assert result.returncode == STATUS["API"] and "AUTHLETE_ERR_API" in result.stderr and "A458101" in result.stderr
    assert run([*SAMPLES[driver.runtime], "--bogus"], env).returncode == 64


# --- Go only: the detail under many goroutines, the net/http endpoint --------------------------------------------

def only(runtime: str, driver: Driver) -> None:
    if driver.runtime != runtime:
        pytest.skip(f"{runtime} only")


def test_go_reads_the_detail_in_the_same_c_call(driver, emulator, service):
    """64 goroutines, GOMAXPROCS 8; the control test shows that a second cgo call for the detail gets it wrong."""
    only("go", driver)
    env = {**runtime_env(), "AUTHLETE_TEST_BASE_URL": emulator.base_url, "AUTHLETE_TEST_TOKEN": service["token"],
           "AUTHLETE_TEST_SERVICE": service["id"]}
    result = run([str(EXAMPLES / "go" / "build" / "authlete.test"), "-test.v", "-test.count=1"], env, timeout=240)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--- PASS: TestLastErrorIsReadInTheSameCCall" in result.stdout
    assert "--- PASS: TestASeparateReadOfTheDetailGoesWrong" in result.stdout
    assert "SKIP" not in result.stdout


def post(port: int, form: str, authorization: str | None = None):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if authorization:
            headers["Authorization"] = authorization
        connection.request("POST", "/backchannel/authentication", body=form.encode(), headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_go_backchannel_endpoint(driver, emulator, service, launcher):
    import base64

    only("go", driver)
    env = authlete_env(emulator.base_url, service, AUTHLETE_SERVICE_APIKEY=service["id"])
    server = launcher.start([str(EXAMPLES / "go" / "build" / "backchannel")], env)
    before = emulator.stats()["byEndpoint"]
    calls = lambda: {name: count - before[name] for name, count in emulator.stats()["byEndpoint"].items()}
    basic = "Basic " + base64.b64encode(f"{POLL_ID}:{POLL_SECRET}".encode()).decode()
    status, headers, body = post(server.port, "login_hint=john&scope=openid", basic)
    assert status == 200 and headers["content-type"] == "application/json;charset=UTF-8"
    assert (headers["cache-control"], headers["pragma"]) == ("no-store", "no-cache")
    issued = json.loads(body)
    assert (issued["expires_in"], issued["interval"]) == (600, 5) and issued["auth_req_id"]
    status, _, body = post(server.port, "login_hint=zed&scope=openid", basic)
    assert (status, json.loads(body)) == (400, {"error": "unknown_user_id",
                                                "error_description": "login_hint does not identify a user"})
    status, headers, body = post(server.port, "login_hint=john&scope=openid")
    assert (status, json.loads(body)["error"]) == (401, "invalid_client")
    assert headers["www-authenticate"] == 'Basic realm="backchannel/authentication"'
    more = deadline(10)
    while calls()["complete"] < 1 and more():
        time.sleep(0.05)
    assert calls() == {"authentication": 3, "issue": 1, "fail": 1, "complete": 1}
    assert server.stop() == 0
