"""The backchannel sample servers' expected behaviour, shared by the C and the Python server's tests: the cases of
the user store (examples/c/users.txt), the emulator's clients, and checks over real HTTP.

Expected values come from the facts (the flow's order of checks -> fail reasons, each reason's status and error,
the answers of /issue and /complete, the notification bodies) and from users.txt, never from a server's output.
"""
from __future__ import annotations

import base64
import json
import threading
import time
from typing import Dict, List, Optional, Tuple

from testing_support import REASONS, RESPONSE_HEADERS, SERVER_ERROR_BODY

# The emulator's default clients (README "The emulator"), and the samples' extra ones.
POLL = ("9007199254740993", "poll-secret", "basic")
PING = ("1002", "ping-secret", "basic")
PUSH = ("1003", "push-secret", "post")
USERCODE = ("1004", "usercode-secret", "basic")
UNTRUSTED = ("1005", "untrusted-secret", "basic")  # denied by users.txt's `deny-client 1005`
BROKEN_PING = ("1006", "broken-secret", "basic")  # a ping client whose endpoint refuses its notifications
MODES = {"poll": POLL, "ping": PING, "push": PUSH}
DECISIONS = ("approve", "deny", "fail")
NOTIFY_TOKEN = "client-notification-token-1"
ISSUED = {"expires_in": 600, "interval": 5}  # the emulator's defaults: authReqIdDuration, pollingInterval
CHALLENGE = 'Basic realm="backchannel/authentication"'


def id_token_hint(sub: str) -> str:
    """An unsigned JWT with this sub: the emulator reads the payload unverified."""
    part = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{part({'alg': 'none'})}.{part({'sub': sub, 'iss': 'https://op.example'})}."


def register_clients(emulator, service: dict, listener_url: str) -> None:
    """Points the service's ping and push clients at the test's listener and adds the samples' extra clients."""
    clients = [
        {"clientId": 1002, "clientIdAlias": "ping-client", "clientSecret": "ping-secret",
         "authMethod": "CLIENT_SECRET_BASIC", "deliveryMode": "PING", "notificationEndpoint": listener_url},
        {"clientId": 1003, "clientIdAlias": "push-client", "clientSecret": "push-secret",
         "authMethod": "CLIENT_SECRET_POST", "deliveryMode": "PUSH", "notificationEndpoint": listener_url},
        {"clientId": 1005, "clientIdAlias": "untrusted-client", "clientSecret": "untrusted-secret",
         "authMethod": "CLIENT_SECRET_BASIC", "deliveryMode": "POLL"},
        {"clientId": 1006, "clientIdAlias": "broken-ping", "clientSecret": "broken-secret",
         "authMethod": "CLIENT_SECRET_BASIC", "deliveryMode": "PING", "notificationEndpoint": listener_url + "-gone"},
    ]
    for client in clients:
        status, body = emulator.admin("PUT", f"/_emulator/services/{service['id']}/clients/{client['clientId']}",
                                      client)
        assert status in (200, 201), (status, body)


def credentials(client: Tuple[str, str, str]):
    from ciba_client import Credentials

    return Credentials(*client)


def params(client: Tuple[str, str, str] = POLL, **form) -> Tuple[Tuple[str, str, str], Dict[str, object]]:
    form.setdefault("scope", "openid")
    if client in (PING, PUSH, BROKEN_PING):
        form.setdefault("client_notification_token", NOTIFY_TOKEN)
    return client, form


# (client and form, reason, error_description): each fail reason of the sample's checks, in users.txt's terms.
REJECTIONS = [
    (params(login_hint="zed"), "UNKNOWN_USER_ID", "no user matches the hint"),
    (params(login_hint="ALICE"), "UNKNOWN_USER_ID", "no user matches the hint"),
    (params(login_hint_token="no-such-token"), "UNKNOWN_USER_ID", "no user matches the hint"),
    (params(login_hint_token="lht-zed-expired"), "UNKNOWN_USER_ID", "no user matches the hint"),  # before expiry
    (params(id_token_hint=id_token_hint("zed")), "UNKNOWN_USER_ID", "no user matches the hint"),
    (params(login_hint="erin"), "SERVER_ERROR", "the user could not be looked up"),
    (params(login_hint_token="lht-carol-expired"), "EXPIRED_LOGIN_HINT_TOKEN", "login_hint_token has expired"),
    (params(login_hint="alice"), "MISSING_USER_CODE", "user_code is required"),
    (params(login_hint="alice@example.com", user_code="9999"), "INVALID_USER_CODE", "user_code is wrong"),
    (params(login_hint="+14155550101", user_code="12345"), "INVALID_USER_CODE", "user_code is wrong"),
    (params(USERCODE, login_hint="carol", user_code="1234"), "INVALID_USER_CODE", "user_code is wrong"),
    (params(login_hint="bob", user_code="1"), "INVALID_USER_CODE", "user_code is wrong"),  # before blocked
    (params(login_hint="carol", binding_message="x" * 65), "INVALID_BINDING_MESSAGE",
     "binding_message must be at most 64 printable bytes, without a link"),
    (params(login_hint="carol", binding_message="a\nb"), "INVALID_BINDING_MESSAGE",
     "binding_message must be at most 64 printable bytes, without a link"),
    (params(login_hint="carol", binding_message="see https://pay.example"), "INVALID_BINDING_MESSAGE",
     "binding_message must be at most 64 printable bytes, without a link"),
    (params(UNTRUSTED, login_hint="carol"), "UNAUTHORIZED_CLIENT", "this client may not use CIBA here"),
    (params(login_hint="carol", resource="https://other.example/api"), "INVALID_TARGET",
     "resource is not served here"),
    (params(login_hint="bob", user_code="5678"), "ACCESS_DENIED", "access is denied for this user"),
    (params(id_token_hint=id_token_hint("dave")), "ACCESS_DENIED", "access is denied for this user"),
    (params(login_hint="dave@example.com", binding_message="Pay €5 to Shop"), "ACCESS_DENIED",
     "access is denied for this user"),
]

# Requests every check lets through: 200 with an auth_req_id.
ACCEPTED = [
    params(login_hint="carol"),
    params(login_hint="carol@example.com", binding_message="x" * 64),
    params(login_hint="+14155550103", resource="https://rs.example.com/accounts"),
    params(login_hint="alice", user_code="1234", binding_message="Pay €5 to Shop"),
    params(login_hint_token="lht-carol"),
    params(id_token_hint=id_token_hint("carol")),
    params(USERCODE, login_hint="alice", user_code="1234"),
    params(PING, login_hint="carol"),
    params(PUSH, login_hint="carol"),
]

# What Authlete (the emulator) refuses before any user check: (client and form, status, error).
AUTHLETE_REFUSALS = [
    (params(("9007199254740993", "wrong-secret", "basic"), login_hint="carol"), 401, "invalid_client"),
    (params(("42", "x", "basic"), login_hint="carol"), 401, "invalid_client"),
    (params(login_hint="carol", scope="email"), 400, "invalid_scope"),
    (params(login_hint="carol", login_hint_token="lht-carol"), 400, "invalid_request"),
    (params(PING, login_hint="carol", client_notification_token=None), 400, "invalid_request"),
    (params(USERCODE, login_hint="alice"), 400, "missing_user_code"),
]


def start(server, client_and_form, connection=None):
    from ciba_client import start_request

    client, form = client_and_form
    return start_request(f"http://127.0.0.1:{server.port}", credentials(client), form, connection=connection)


def decide(server, auth_req_id: str, decision: str, connection=None):
    from ciba_client import device_decide

    return device_decide(f"http://127.0.0.1:{server.port}", auth_req_id, decision, connection=connection)


def headers_of(exchange) -> Dict[str, str]:
    return {name.lower(): value for name, value in exchange.headers}


def check_common_headers(exchange) -> None:
    headers = headers_of(exchange)
    assert {name: headers.get(name) for name in RESPONSE_HEADERS} == RESPONSE_HEADERS, exchange.lines()


def check_rejections(server, emulator, service: dict) -> None:
    """Every fail reason: exact status, headers and body (/fail's responseContent, byte for byte what the library
    gets for the same reason and description)."""
    from authlete_ciba import Client

    with Client(base_url=emulator.base_url, token=service["token"]) as direct:
        for client_and_form, reason, description in REJECTIONS:
            error, _, status = REASONS[reason]
            answer = start(server, client_and_form)
            assert answer.status == status, (client_and_form, answer.lines())
            check_common_headers(answer)
            assert answer.json() == {"error": error, "error_description": description}, client_and_form
            expected = direct.ciba_fail(service["id"], reason=reason, error_description=description)
            assert answer.body == expected.response_content, client_and_form


def check_authlete_refusals(server) -> None:
    for client_and_form, status, error in AUTHLETE_REFUSALS:
        answer = start(server, client_and_form)
        assert (answer.status, answer.json()["error"]) == (status, error), (client_and_form, answer.lines())
        check_common_headers(answer)
        assert headers_of(answer).get("www-authenticate") == (CHALLENGE if status == 401 else None)
    # No client authentication at all, and a body that is not a valid form: Authlete's answers too.
    bare = server.post("scope=openid&login_hint=carol")
    assert bare[0] == 401 and bare[1]["www-authenticate"] == CHALLENGE and json.loads(bare[2])["error"] == \
        "invalid_client"
    assert server.post("scope=openid&login_hint=%zz")[0] in (400, 401)


def check_accepted(server) -> List[str]:
    """Every accepted request: 200 {"auth_req_id","expires_in":600,"interval":5}, a new auth_req_id each time."""
    ids = []
    for client_and_form in ACCEPTED:
        answer = start(server, client_and_form)
        assert answer.status == 200, (client_and_form, answer.lines())
        check_common_headers(answer)
        body = answer.json()
        assert set(body) == {"auth_req_id", *ISSUED} and {k: body[k] for k in ISSUED} == ISSUED, body
        assert isinstance(body["auth_req_id"], str) and len(body["auth_req_id"]) >= 20
        ids.append(body["auth_req_id"])
    assert len(set(ids)) == len(ids)
    return ids


def expected_notification(mode: str, decision: str, auth_req_id: str) -> Optional[dict]:
    """The notification body's fixed members (None: no notification). Push success adds the tokens."""
    if mode == "poll":
        return None
    if mode == "ping":
        return {"auth_req_id": auth_req_id}
    if decision == "approve":
        return {"auth_req_id": auth_req_id, "token_type": "Bearer", "expires_in": 3600}
    return {"auth_req_id": auth_req_id, "error": "access_denied" if decision == "deny" else "expired_token"}


def check_notification(mode: str, decision: str, auth_req_id: str, body: dict) -> None:
    expected = expected_notification(mode, decision, auth_req_id)
    assert {key: body.get(key) for key in expected} == expected, body
    if mode == "push" and decision == "approve":
        assert set(body) == {"auth_req_id", "access_token", "token_type", "expires_in", "refresh_token", "id_token"}
    else:
        assert set(body) == set(expected), body


def device_answer(mode: str) -> dict:
    if mode == "poll":
        return {"status": "AUTHLETE_OK", "action": "NO_ACTION", "notification_status": 0}
    return {"status": "AUTHLETE_OK", "action": "NOTIFICATION", "notification_status": 204}


def check_complete_flows(server, listener) -> None:
    """Each delivery mode with each decision: the device's answer, the notification received once, and a request
    decided only once."""
    for mode, client in MODES.items():
        for decision in DECISIONS:
            started = start(server, params(client, login_hint="carol"))
            assert started.status == 200, started.lines()
            auth_req_id = started.json()["auth_req_id"]
            decided = decide(server, auth_req_id, decision)
            assert (decided.status, decided.json()) == (200, device_answer(mode)), (mode, decision, decided.lines())
            check_common_headers(decided)
            if mode != "poll":
                notification = listener.wait(auth_req_id, 10)
                assert notification is not None and notification.authorization == f"Bearer {NOTIFY_TOKEN}"
                check_notification(mode, decision, auth_req_id, notification.body)
            again = decide(server, auth_req_id, decision)
            assert (again.status, again.json()) == (404, {"error": "not_found"})
            assert len(listener.received.get(auth_req_id, [])) == (0 if mode == "poll" else 1)


def check_device_errors(server, listener) -> None:
    """A bad decision leaves the request pending; unknown ids; a notification endpoint that refuses (502)."""
    started = start(server, params(PING, login_hint="alice", user_code="1234"))
    auth_req_id = started.json()["auth_req_id"]
    for form in ({"auth_req_id": auth_req_id, "decision": "maybe"}, {"auth_req_id": auth_req_id}):
        answer = server.post("&".join(f"{k}={v}" for k, v in form.items()), path="/device/decide")
        assert answer[::2] == (400, b'{"error":"invalid_request"}')
    assert decide(server, "no-such-id", "approve").status == 404
    assert server.post("decision=approve", path="/device/decide")[::2] == (404, b'{"error":"not_found"}')
    assert decide(server, auth_req_id, "approve").json() == device_answer("ping")  # still pending before
    assert listener.wait(auth_req_id, 10) is not None

    started = start(server, params(BROKEN_PING, login_hint="carol"))
    decided = decide(server, started.json()["auth_req_id"], "approve")
    # The listener answers 401 on another path: recorded by Authlete, not delivered.
    assert (decided.status, decided.json()) == (
        502, {"status": "AUTHLETE_ERR_NOTIFICATION", "action": "NOTIFICATION", "notification_status": 401})


def check_expired_decision(server, emulator) -> None:
    """A decision after the auth_req_id expired: /complete answers SERVER_ERROR, nothing reaches the client."""
    started = start(server, params(PING, login_hint="carol"))
    emulator.admin("POST", "/_emulator/clock", {"advanceSeconds": 601})
    try:
        decided = decide(server, started.json()["auth_req_id"], "approve")
    finally:
        emulator.admin("POST", "/_emulator/clock", {"advanceSeconds": -601})
    assert (decided.status, decided.json()) == (
        200, {"status": "AUTHLETE_OK", "action": "SERVER_ERROR", "notification_status": 0})


def check_local_answers(server) -> None:
    """Answers the server gives without Authlete: wrong path or method, not a form, a NUL, a huge body."""
    status, headers, body = server.post("login_hint=zed", path="/other")
    assert (status, body) == (404, b'{"error":"not_found"}') and headers["cache-control"] == "no-store"
    status, headers, body = server.post(None, method="GET", content_type=None)
    assert (status, headers.get("allow"), body) == (405, "POST", b'{"error":"method_not_allowed"}')
    assert server.post(None, method="GET", content_type=None, path="/device/decide")[0] == 405
    assert server.post('{"login_hint":"zed"}', content_type="application/json")[::2] == (
        400, b'{"error":"invalid_request"}')
    assert server.post("login_hint=zed&x=\x00")[::2] == (400, b'{"error":"invalid_request"}')
    assert server.post("login_hint=" + "x" * 17000)[::2] == (413, b'{"error":"invalid_request"}')
    assert server.post("decision=approve&auth_req_id=%zz", path="/device/decide")[0] == 400


def check_authlete_fault_on(server_factory, emulator, endpoint: str) -> None:
    """Authlete failing at /issue: 500 server_error and nothing pending; at /complete: the device gets 502."""
    service = emulator.new_service(fault=f"status=500,on={endpoint}")
    register_clients(emulator, service, "http://127.0.0.1:9/unused")
    server = server_factory(service)
    try:
        answer = start(server, params(login_hint="carol"))
        if endpoint == "issue":
            assert (answer.status, answer.body.encode()) == (500, SERVER_ERROR_BODY)
            check_common_headers(answer)
        else:
            decided = decide(server, answer.json()["auth_req_id"], "approve")
            assert (decided.status, decided.json()) == (
                502, {"status": "AUTHLETE_ERR_API", "action": "none", "notification_status": 0})
    finally:
        assert server.stop() == 0
    assert "A001101" not in answer.body and "AUTHLETE_ERR_API" in server.stderr()


def run_flows(server, listener, clients: int, per_client: int) -> Tuple[float, Dict[str, str]]:
    """`clients` threads, each `per_client` complete flows on one keep-alive connection (poll, ping and push in
    turn, each decision in turn). Returns the elapsed seconds and auth_req_id -> "mode decision"."""
    flows: Dict[str, str] = {}
    failures: List[str] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        connection = server.connection(timeout=30)
        try:
            for call in range(per_client):
                mode = list(MODES)[(index + call) % 3]
                decision = DECISIONS[(call // 3) % 3]
                started = start(server, params(MODES[mode], login_hint="carol"), connection)
                assert started.status == 200, started.lines()
                auth_req_id = started.json()["auth_req_id"]
                with lock:
                    flows[auth_req_id] = f"{mode} {decision}"
                decided = decide(server, auth_req_id, decision, connection)
                assert decided.json() == device_answer(mode), decided.lines()
        except Exception as error:  # collected: an assert in a thread would be lost
            failures.append(f"client {index}: {error!r}")
        finally:
            connection.close()

    refused_before = listener.refused
    started_at = time.monotonic()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.monotonic() - started_at
    assert not any(thread.is_alive() for thread in threads) and failures == [], failures[:3]
    assert len(flows) == clients * per_client  # every auth_req_id distinct, none lost
    for auth_req_id, what in flows.items():
        mode, decision = what.split()
        got = listener.received.get(auth_req_id, [])
        assert len(got) == (0 if mode == "poll" else 1), (what, got)  # exactly once: decide returns after delivery
        if got:
            check_notification(mode, decision, auth_req_id, got[0].body)
    assert listener.refused == refused_before
    return elapsed, flows
