"""The backchannel flow object and the decision call (authlete/ciba_flow.h, authlete/ciba_decision.h) through the
ABI against the emulator: every branch of the flow, every reason, /issue OK and INVALID_TICKET, /complete with each
result in each delivery mode with its notification, the notification failures, and Authlete's faults at every
step. Expected answers come from Authlete's documented CIBA API (the statuses, headers and `error` codes per
action and reason) and the emulator's documented defaults (README), never from the library's output."""
import base64
import ctypes
import json
import subprocess

import pytest

from authlete_ciba import _native
from conftest import API, INVALID_ARGUMENT, NETWORK, NULL_ARGUMENT, OK, PROTOCOL
from notification_listener import NotificationListener

NOTIFICATION = 10
NEW, IDENTIFY_USER, ANSWERED = 0, 1, 2
JSON_HEADERS = [("Content-Type", "application/json;charset=UTF-8"), ("Cache-Control", "no-store"),
                ("Pragma", "no-cache")]
SERVER_ERROR_ANSWER = (500, JSON_HEADERS, {"error": "server_error"})
POLL = (9007199254740993, "poll-secret")
USER_CODE = (1004, "usercode-secret")
AUTHORIZED, ACCESS_DENIED, TRANSACTION_FAILED = 1, 2, 3
# reason value -> (HTTP status, error) from Authlete's table of fail reasons
REASONS = {1: (403, "access_denied"), 2: (400, "expired_login_hint_token"), 3: (400, "invalid_binding_message"),
           4: (400, "invalid_target"), 5: (400, "invalid_user_code"), 6: (400, "missing_user_code"),
           7: (500, "server_error"), 8: (400, "unauthorized_client"), 9: (400, "unknown_user_id")}


def basic(client) -> str:
    return "Basic " + base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode()


class Flow:
    """A C flow handle and what its getters say."""

    def __init__(self, abi):
        self.abi, self.lib = abi, abi.lib
        handle = ctypes.c_void_p()
        assert self.lib.authlete_ciba_flow_new(ctypes.byref(handle)) == OK
        self.handle = handle

    def start(self, client, service_id, parameters, authorization=None):
        return self.lib.authlete_ciba_flow_start(self.handle, client, _native.encode(service_id),
                                                 _native.encode(parameters), _native.encode(authorization), None)

    def stage(self):
        return self.lib.authlete_ciba_flow_current_stage(self.handle)

    def request(self):
        return self.lib.authlete_ciba_flow_request(self.handle)

    def ticket(self):
        return self.lib.authlete_ciba_authentication_response_ticket(self.request()).decode()

    def answer(self):
        lib, h = self.lib, self.handle
        headers = [(lib.authlete_ciba_flow_header_name(h, i).decode(), lib.authlete_ciba_flow_header_value(h, i).decode())
                   for i in range(lib.authlete_ciba_flow_header_count(h))]
        assert lib.authlete_ciba_flow_header_name(h, len(headers)) is None
        body = lib.authlete_ciba_flow_body(h)
        return lib.authlete_ciba_flow_http_status(h), headers, None if body is None else json.loads(body)

    def free(self):
        self.lib.authlete_ciba_flow_free(self.handle)


@pytest.fixture()
def flow(abi):
    made = Flow(abi)
    yield made
    made.free()


def started(flow, client, service, who=POLL, parameters="login_hint=john&scope=openid"):
    assert flow.start(client, service["id"], parameters, basic(who)) == OK, flow.abi.last_error()
    assert flow.stage() == IDENTIFY_USER
    return flow


# ------------------------------------------------------------------------------------ /backchannel/authentication
def test_user_identification_waits_for_the_host_with_the_request(abi, service, client_for, flow):
    client = client_for(service)
    started(flow, client, service, USER_CODE, "login_hint=john&scope=openid%20email&user_code=1234&binding_message=B-42")
    request = flow.request()
    lib = abi.lib
    assert lib.authlete_ciba_authentication_response_action(request) == 4  # USER_IDENTIFICATION
    assert lib.authlete_ciba_authentication_response_hint_type(request) == 1  # LOGIN_HINT
    assert lib.authlete_ciba_authentication_response_hint(request) == b"john"
    assert lib.authlete_ciba_authentication_response_user_code(request) == b"1234"
    assert lib.authlete_ciba_authentication_response_user_code_required(request) == 1
    assert lib.authlete_ciba_authentication_response_binding_message(request) == b"B-42"
    assert lib.authlete_ciba_authentication_response_client_id(request) == 1004
    assert len(flow.ticket()) > 0
    assert flow.answer() == (0, [], None)  # no answer yet
    assert json.loads(lib.authlete_ciba_flow_request_body(flow.handle))["resultCode"] == "A179001"


def test_bad_request_is_answered_400_with_authletes_content(service, client_for, flow):
    assert flow.start(client_for(service), service["id"], "login_hint=john", basic(POLL)) == OK  # no scope
    assert flow.stage() == ANSWERED
    status, headers, body = flow.answer()
    assert (status, headers, body["error"]) == (400, JSON_HEADERS, "invalid_scope")


def test_unauthorized_is_answered_401_with_the_challenge(service, client_for, flow):
    assert flow.start(client_for(service), service["id"], "login_hint=john&scope=openid", basic((POLL[0], "wrong"))) == OK
    status, headers, body = flow.answer()
    assert status == 401
    assert headers == JSON_HEADERS + [("WWW-Authenticate", 'Basic realm="backchannel/authentication"')]
    assert body["error"] == "invalid_client"


def test_a_missing_authorization_is_unauthorized(service, client_for, flow):
    assert flow.start(client_for(service), service["id"], "login_hint=john&scope=openid") == OK
    assert flow.answer()[0] == 401


def test_internal_server_error_action_is_answered_500_with_its_content(emulator, client_for, flow):
    service = emulator.new_service(fault="oversized=600,on=authentication")  # INTERNAL_SERVER_ERROR, valid JSON
    assert flow.start(client_for(service), service["id"], "login_hint=john&scope=openid", basic(POLL)) == OK
    assert flow.answer() == (500, JSON_HEADERS, {"error": "server_error"})


# ------------------------------------------------------------------------------------------------------ /fail
@pytest.mark.parametrize("reason", sorted(REASONS))
def test_each_reason_gives_its_status_and_error(abi, emulator, service, client_for, flow, reason):
    started(flow, client_for(service), service)
    ticket = flow.ticket()
    assert abi.lib.authlete_ciba_flow_reject(flow.handle, reason, None, None) == OK, abi.last_error()
    status, error = REASONS[reason]
    assert flow.answer() == (status, JSON_HEADERS, {"error": error})
    assert not emulator.ticket_exists(ticket)  # /fail deleted it


def test_reject_passes_description_and_uri(abi, service, client_for, flow):
    started(flow, client_for(service), service)
    assert abi.lib.authlete_ciba_flow_reject(flow.handle, 9, b"no such user", b"https://as.example/errors#user") == OK
    assert flow.answer()[2] == {"error": "unknown_user_id", "error_description": "no such user",
                                "error_uri": "https://as.example/errors#user"}


def test_wrong_use_leaves_the_flow_as_it_was(abi, service, client_for, flow):
    lib = abi.lib
    assert lib.authlete_ciba_flow_accept(flow.handle) == INVALID_ARGUMENT  # not started
    assert lib.authlete_ciba_flow_reject(flow.handle, 9, None, None) == INVALID_ARGUMENT
    assert flow.stage() == NEW and flow.answer() == (0, [], None)
    client = client_for(service)
    started(flow, client, service)
    assert lib.authlete_ciba_flow_reject(flow.handle, 0, None, None) == INVALID_ARGUMENT  # outside the enum
    assert lib.authlete_ciba_flow_reject(flow.handle, 10, None, None) == INVALID_ARGUMENT
    assert lib.authlete_ciba_flow_reject(flow.handle, 9, None, b"relative/uri") == INVALID_ARGUMENT
    assert lib.authlete_ciba_flow_reject(flow.handle, 9, b"\xff", None) == INVALID_ARGUMENT
    assert flow.stage() == IDENTIFY_USER  # still waiting: the call can be made again correctly
    assert flow.start(client, service["id"], "login_hint=john&scope=openid", basic(POLL)) == INVALID_ARGUMENT
    assert lib.authlete_ciba_flow_reject(flow.handle, 1, None, None) == OK
    assert flow.answer()[0] == 403
    assert lib.authlete_ciba_flow_accept(flow.handle) == INVALID_ARGUMENT  # answered already
    assert flow.answer()[0] == 403


def test_null_arguments(abi, service, client_for, flow):
    lib = abi.lib
    assert lib.authlete_ciba_flow_new(None) == NULL_ARGUMENT
    assert lib.authlete_ciba_flow_start(None, None, None, None, None, None) == NULL_ARGUMENT
    assert lib.authlete_ciba_flow_reject(None, 1, None, None) == NULL_ARGUMENT
    assert lib.authlete_ciba_flow_accept(None) == NULL_ARGUMENT
    assert lib.authlete_ciba_flow_current_stage(None) == NEW
    assert lib.authlete_ciba_flow_http_status(None) == 0 and lib.authlete_ciba_flow_body(None) is None
    assert lib.authlete_ciba_flow_header_count(None) == 0 and lib.authlete_ciba_flow_request(None) is None
    lib.authlete_ciba_flow_free(None)
    # A NULL client or form body is the host's error, and the client still gets a well-formed answer.
    assert flow.start(None, service["id"], "scope=openid") == NULL_ARGUMENT
    assert flow.answer() == SERVER_ERROR_ANSWER
    other = Flow(abi)
    assert other.start(client_for(service), service["id"], None) == NULL_ARGUMENT
    assert other.answer() == SERVER_ERROR_ANSWER
    other.free()


# ------------------------------------------------------------------------------------------------------ /issue
def test_accept_answers_200_with_the_auth_req_id(abi, emulator, service, client_for, flow):
    started(flow, client_for(service), service)
    assert abi.lib.authlete_ciba_flow_accept(flow.handle) == OK, abi.last_error()
    status, headers, body = flow.answer()
    assert (status, headers) == (200, JSON_HEADERS)
    # the emulator's defaults: authReqIdDuration 600, pollingInterval 5
    assert body["expires_in"] == 600 and body["interval"] == 5 and body["auth_req_id"]
    issue = abi.lib.authlete_ciba_flow_issue_response(flow.handle)
    assert abi.lib.authlete_ciba_issue_response_auth_req_id(issue).decode() == body["auth_req_id"]
    assert abi.lib.authlete_ciba_issue_response_action(issue) == 3  # OK
    assert emulator.admin("GET", f"/_emulator/tickets/{flow.ticket()}")[1]["state"] == "issued"


def test_an_expired_ticket_is_answered_500_invalid_ticket(abi, emulator, service, client_for, flow):
    started(flow, client_for(service), service)
    emulator.admin("POST", "/_emulator/clock", {"advanceSeconds": 601})
    try:
        assert abi.lib.authlete_ciba_flow_accept(flow.handle) == OK
    finally:
        emulator.admin("POST", "/_emulator/clock", {"advanceSeconds": -601})
    status, headers, body = flow.answer()
    assert (status, headers) == (500, JSON_HEADERS) and "error" in body
    assert abi.lib.authlete_ciba_issue_response_action(abi.lib.authlete_ciba_flow_issue_response(flow.handle)) == 2


# --------------------------------------------------------------------------- Authlete's faults at every step
@pytest.mark.parametrize("fault, status", [("status=500", API), ("status=401", API), ("non-json", PROTOCOL),
                                           ("no-action", PROTOCOL), ("unknown-action", PROTOCOL), ("close", NETWORK),
                                           ("redirect", API)])
@pytest.mark.parametrize("step", ["authentication", "fail", "issue"])
def test_authlete_failures_become_server_error_for_the_client(abi, emulator, client_for, flow, fault, status, step):
    service = emulator.new_service(fault=f"{fault},on={step}")
    client = client_for(service)
    result = flow.start(client, service["id"], "login_hint=john&scope=openid", basic(POLL))
    if step != "authentication":
        assert result == OK and flow.stage() == IDENTIFY_USER
        result = (abi.lib.authlete_ciba_flow_reject(flow.handle, 9, None, None) if step == "fail"
                  else abi.lib.authlete_ciba_flow_accept(flow.handle))
    assert result == status, abi.last_error()
    assert abi.last_error()  # the detail is for the host's log
    assert flow.stage() == ANSWERED
    assert flow.answer() == SERVER_ERROR_ANSWER  # never Authlete's text


def test_a_timeout_becomes_server_error(abi, emulator, client_for, flow):
    service = emulator.new_service(fault="delay=3000,on=authentication")
    assert flow.start(client_for(service, timeoutMs=300), service["id"], "login_hint=john&scope=openid", basic(POLL)) == 5
    assert flow.answer() == SERVER_ERROR_ANSWER


# ---------------------------------------------------------------------------------- /complete and notification
def register(emulator, service, mode, endpoint, client_id=7001, secret="notify-secret"):
    client = {"clientId": client_id, "clientSecret": secret, "authMethod": "CLIENT_SECRET_BASIC", "deliveryMode": mode}
    if endpoint:
        client["notificationEndpoint"] = endpoint
    status, _ = emulator.admin("PUT", f"/_emulator/services/{service['id']}/clients/{client_id}", client)
    assert status in (200, 201)
    return client_id, secret


def accepted(abi, flow, client, service, who, token="the-notification-token"):
    started(flow, client, service, who, f"login_hint=john&scope=openid&client_notification_token={token}")
    assert abi.lib.authlete_ciba_flow_accept(flow.handle) == OK
    return flow.ticket(), flow.answer()[2]["auth_req_id"]


def decide(abi, client, service, ticket, result, subject=None, description=None):
    lib = abi.lib
    request = ctypes.c_void_p()
    assert lib.authlete_ciba_complete_request_new(ticket.encode(), result, ctypes.byref(request)) == OK
    if subject:
        assert lib.authlete_ciba_complete_request_set_string(request, b"subject", subject.encode()) == OK
    if description:
        assert lib.authlete_ciba_complete_request_set_string(request, b"errorDescription", description.encode()) == OK
    out, notified, error_body = ctypes.c_void_p(0xDEAD), ctypes.c_int(-1), ctypes.c_void_p(0xBEEF)
    status = lib.authlete_client_ciba_decide(client, service["id"].encode(), request, ctypes.byref(out),
                                             ctypes.byref(notified), ctypes.byref(error_body))
    lib.authlete_ciba_complete_request_free(request)
    values = abi.read_ciba("complete", out) if out.value else None
    return status, values, notified.value, _native.take_string(lib, error_body)


RESULTS = [(AUTHORIZED, "john"), (ACCESS_DENIED, None), (TRANSACTION_FAILED, None)]


@pytest.mark.parametrize("result, subject", RESULTS)
def test_poll_decisions_need_no_notification(abi, emulator, service, client_for, flow, result, subject):
    client = client_for(service)
    ticket, _ = accepted(abi, flow, client, service, POLL)
    status, values, notified, _ = decide(abi, client, service, ticket, result, subject)
    assert status == OK, abi.last_error()
    assert (values["action"], notified) == (2, 0)  # NO_ACTION
    assert emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["state"] == "completed"


@pytest.mark.parametrize("result, subject", RESULTS)
@pytest.mark.parametrize("mode", ["PING", "PUSH"])
def test_ping_and_push_decisions_are_notified_once(abi, emulator, service, client_for, flow, mode, result, subject):
    listener = NotificationListener(204 if mode == "PING" else 200)
    try:
        who = register(emulator, service, mode, listener.url)
        client = client_for(service)
        ticket, auth_req_id = accepted(abi, flow, client, service, who)
        status, values, notified, _ = decide(abi, client, service, ticket, result, subject)
        assert status == OK, abi.last_error()
        assert values["action"] == 3 and notified == listener.status  # NOTIFICATION
        assert len(listener.received) == 1
        sent = listener.received[0]
        assert sent["path"] == "/ciba/notify"
        assert sent["headers"]["Authorization"] == "Bearer the-notification-token"
        assert sent["headers"]["Content-Type"] == "application/json"
        assert sent["body"] == values["content"]  # responseContent verbatim
        payload = json.loads(sent["body"])
        assert payload["auth_req_id"] == auth_req_id
        if mode == "PING":
            assert payload == {"auth_req_id": auth_req_id}
        elif result == AUTHORIZED:
            assert payload["token_type"] == "Bearer" and payload["access_token"] and payload["id_token"]
        else:
            assert payload["error"] == ("access_denied" if result == ACCESS_DENIED else "expired_token")
    finally:
        listener.close()


def notification_failure(abi, emulator, service, client_for, flow, endpoint):
    who = register(emulator, service, "PING", endpoint)
    client = client_for(service, timeoutMs=2000)
    ticket, _ = accepted(abi, flow, client, service, who)
    status, values, notified, _ = decide(abi, client, service, ticket, AUTHORIZED, "john")
    assert status == NOTIFICATION, abi.last_error()
    assert values["action"] == 3  # the decision is recorded and its answer still handed out
    assert emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["state"] == "completed"
    return notified, abi.last_error()


def test_an_unreachable_endpoint_is_a_notification_error(abi, emulator, service, client_for, flow, unused_port):
    notified, detail = notification_failure(abi, emulator, service, client_for, flow,
                                            f"http://127.0.0.1:{unused_port}/ciba/notify")
    assert notified == 0 and str(unused_port) in detail


@pytest.mark.parametrize("answer", [500, 302])
def test_an_endpoint_answering_other_than_200_or_204_is_a_notification_error(abi, emulator, service, client_for, flow,
                                                                              answer):
    listener = NotificationListener(answer)
    try:
        notified, detail = notification_failure(abi, emulator, service, client_for, flow, listener.url)
        assert notified == answer and f"HTTP {answer}" in detail
        assert [r["path"] for r in listener.received] == ["/ciba/notify"]  # the redirect was not followed
    finally:
        listener.close()


def test_plain_http_off_loopback_is_refused_before_connecting(abi, emulator, service, client_for, flow):
    # 192.0.2.1 is TEST-NET-1: the library refuses the URL itself, so nothing is ever sent there.
    notified, detail = notification_failure(abi, emulator, service, client_for, flow, "http://192.0.2.1/ciba/notify")
    assert notified == 0 and "loopback" in detail


def test_notify_sends_again_what_decide_could_not(abi, emulator, service, client_for, flow):
    listener = NotificationListener(500)
    try:
        who = register(emulator, service, "PING", listener.url)
        client = client_for(service)
        ticket, auth_req_id = accepted(abi, flow, client, service, who)
        lib = abi.lib
        request = ctypes.c_void_p()
        assert lib.authlete_ciba_complete_request_new(ticket.encode(), ACCESS_DENIED, ctypes.byref(request)) == OK
        out, notified = ctypes.c_void_p(), ctypes.c_int()
        assert lib.authlete_client_ciba_decide(client, service["id"].encode(), request, ctypes.byref(out),
                                               ctypes.byref(notified), None) == NOTIFICATION
        lib.authlete_ciba_complete_request_free(request)
        listener.status = 200
        assert lib.authlete_client_ciba_notify(client, out, ctypes.byref(notified)) == OK
        assert notified.value == 200
        assert [json.loads(r["body"]) for r in listener.received] == [{"auth_req_id": auth_req_id}] * 2
        lib.authlete_ciba_complete_response_free(out)
    finally:
        listener.close()


def test_notify_refuses_what_has_nothing_to_send(abi, service, client_for):
    lib = abi.lib
    response = ctypes.c_void_p()
    assert lib.authlete_ciba_complete_response_parse(b'{"action":"NO_ACTION"}', ctypes.byref(response)) == OK
    client = client_for(service)
    status = ctypes.c_int(-1)
    assert lib.authlete_client_ciba_notify(client, response, ctypes.byref(status)) == INVALID_ARGUMENT
    assert status.value == 0
    lib.authlete_ciba_complete_response_free(response)
    assert lib.authlete_ciba_complete_response_parse(b'{"action":"NOTIFICATION","responseContent":"{}"}',
                                                     ctypes.byref(response)) == OK
    assert lib.authlete_client_ciba_notify(client, response, None) == PROTOCOL  # no endpoint, no token
    lib.authlete_ciba_complete_response_free(response)
    assert lib.authlete_client_ciba_notify(None, None, None) == NULL_ARGUMENT


def test_a_complete_fault_is_an_api_error_with_the_body(abi, emulator, client_for, flow):
    service = emulator.new_service(fault="status=500,on=complete")
    client = client_for(service)
    ticket, _ = accepted(abi, flow, client, service, POLL)
    status, values, notified, body = decide(abi, client, service, ticket, AUTHORIZED, "john")
    assert (status, values, notified) == (API, None, 0)
    assert json.loads(body)["resultCode"] == "A001101"


# ------------------------------------------------------------------------------------------- the request builder
def test_the_builder_checks_each_field_and_the_whole(abi):
    lib = abi.lib
    request = ctypes.c_void_p()
    assert lib.authlete_ciba_complete_request_new(b"t-1", 4, ctypes.byref(request)) == INVALID_ARGUMENT
    assert lib.authlete_ciba_complete_request_new(b"", 1, ctypes.byref(request)) == INVALID_ARGUMENT
    assert lib.authlete_ciba_complete_request_new(None, 1, ctypes.byref(request)) == NULL_ARGUMENT
    assert lib.authlete_ciba_complete_request_new(b"t-1", AUTHORIZED, ctypes.byref(request)) == OK
    out = ctypes.c_void_p()
    assert lib.authlete_ciba_complete_request_json(request, ctypes.byref(out)) == INVALID_ARGUMENT  # no subject
    set_string, set_int, add = (lib.authlete_ciba_complete_request_set_string,
                                lib.authlete_ciba_complete_request_set_int64,
                                lib.authlete_ciba_complete_request_add_string)
    assert set_string(request, b"nope", b"x") == INVALID_ARGUMENT  # unknown key
    assert set_string(request, b"authTime", b"1") == INVALID_ARGUMENT  # an integer field
    assert set_int(request, b"subject", 1) == INVALID_ARGUMENT  # a string field
    assert set_int(request, b"authTime", -1) == INVALID_ARGUMENT
    assert set_string(request, b"claims", b"[1]") == INVALID_ARGUMENT  # not a JSON object
    assert set_string(request, b"errorUri", b"relative") == INVALID_ARGUMENT
    assert set_string(request, b"idTokenAudType", b"list") == INVALID_ARGUMENT
    assert set_string(request, b"subject", b"john") == OK
    assert set_string(request, b"claims", b'{"given_name":"John"}') == OK
    assert set_int(request, b"authTime", 1767225600) == OK
    assert add(request, b"scopes", b"openid") == OK and add(request, b"scopes", b"email") == OK
    assert add(request, b"subject", b"x") == INVALID_ARGUMENT
    assert lib.authlete_ciba_complete_request_json(request, ctypes.byref(out)) == OK
    assert json.loads(_native.take_string(lib, out)) == {
        "ticket": "t-1", "result": "AUTHORIZED", "subject": "john", "claims": '{"given_name":"John"}',
        "authTime": 1767225600, "scopes": ["openid", "email"]}
    assert set_string(request, b"subject", b"x" * 70000) == INVALID_ARGUMENT
    lib.authlete_ciba_complete_request_free(request)
    lib.authlete_ciba_complete_request_free(None)


def make_ca(directory):
    """A CA made for the test and a certificate for 127.0.0.1 signed by it (openssl)."""
    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], cwd=directory, check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test CA", "-keyout", "ca.key",
            "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr")
    (directory / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "ext.cnf", "-out", "server.pem")
    return directory / "ca.pem", (str(directory / "server.pem"), str(directory / "server.key"))


def test_https_notifications_verify_the_endpoints_certificate(abi, emulator, service, client_for, flow, tmp_path):
    ca, chain = make_ca(tmp_path)
    listener = NotificationListener(204, tls=chain)
    try:
        who = register(emulator, service, "PING", listener.url)
        trusting = client_for(service, caFile=str(ca))
        ticket, auth_req_id = accepted(abi, flow, trusting, service, who)
        status, values, notified, _ = decide(abi, trusting, service, ticket, AUTHORIZED, "john")
        assert (status, notified) == (OK, 204), abi.last_error()
        assert [json.loads(r["body"]) for r in listener.received] == [{"auth_req_id": auth_req_id}]
        # A client without the test's CA does not trust the endpoint: nothing is delivered.
        other = Flow(abi)
        try:
            untrusting = client_for(service)
            ticket, _ = accepted(abi, other, untrusting, service, who)
            status, values, notified, _ = decide(abi, untrusting, service, ticket, AUTHORIZED, "john")
            assert (status, notified, values["action"]) == (NOTIFICATION, 0, 3)
            assert len(listener.received) == 1
        finally:
            other.free()
    finally:
        listener.close()
