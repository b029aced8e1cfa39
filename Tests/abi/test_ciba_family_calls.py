"""The 0.2 calls against the emulator: /backchannel/authentication, /issue, /complete (and /fail after a real
ticket), through the ABI as a C host makes them. Expected values come from Authlete's documented CIBA
API and the emulator's documented default clients (README), never from the library's output."""
import base64
import ctypes
import json

import pytest

from authlete_ciba import _native
from conftest import API, INVALID_ARGUMENT, NULL_ARGUMENT, OK, PROTOCOL

# The emulator's default clients (README: the emulator's default service and clients).
POLL = (9007199254740993, "poll-secret")   # 2^53 + 1: rounded through a double it would read ...992
PING = (1002, "ping-secret")
PUSH = (1003, "push-secret")               # client_secret_post: credentials in the form body
USER_CODE = (1004, "usercode-secret")


def basic(client) -> str:
    return "Basic " + base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode()


def fields(abi, endpoint, client, service_id, *arguments):
    """authlete_client_ciba_<endpoint>_fields: (status, the getters' values on OK, Authlete's body on API)."""
    response, error_body = ctypes.c_void_p(0xDEAD), ctypes.c_void_p(0xBEEF)
    function = getattr(abi.lib, f"authlete_client_ciba_{endpoint}_fields")
    status = function(client, _native.encode(service_id), *[_native.encode(a) for a in arguments],
                      ctypes.byref(response), ctypes.byref(error_body))
    body = _native.take_string(abi.lib, error_body)
    assert (body is not None) == (status == API), (status, body)
    if status == OK:
        return status, abi.read_ciba(endpoint, response)
    assert response.value is None
    return status, body


def authenticate(abi, client, service, parameters, authorization=None):
    return fields(abi, "authentication", client, service["id"], parameters, authorization, None)


def start(abi, emulator, client, service, who=POLL, parameters="login_hint=john&scope=openid"):
    if who == PUSH:  # client_secret_post: its credentials travel in the form body, no Basic header
        status, values = authenticate(abi, client, service, f"{parameters}&client_id={PUSH[0]}&client_secret={PUSH[1]}")
    else:
        status, values = authenticate(abi, client, service, parameters, basic(who))
    assert status == OK, abi.last_error()
    assert values["action"] == 4, values  # USER_IDENTIFICATION
    return values


def test_user_identification_carries_the_request(abi, emulator, service, client_for):
    client = client_for(service)
    parameters = ("login_hint=john&scope=openid%20email%20unregistered&acr_values=urn%3Aexample%3Aacr%3Alow%20urn%3Anope"
                  "&binding_message=Transfer%2042&requested_expiry=120")
    values = start(abi, emulator, client, service, POLL, parameters)
    assert values["http_status"] == 0
    assert values["result_code"] == "A179001"
    assert values["result_message"] == "[A179001] The backchannel authentication request was processed successfully."
    assert values["client_id"] == 9007199254740993
    assert (values["client_id_alias"], values["client_id_alias_used"], values["client_name"]) == ("poll-client", 0, "Poll Client")
    assert values["delivery_mode"] == 1  # POLL
    assert sorted(values["scope"]) == ["email", "openid"]             # unregistered scopes dropped
    assert sorted(values["claim_name"]) == ["email", "email_verified"]  # OpenID Connect Core 5.4
    assert values["acr"] == ["urn:example:acr:low"]                     # unsupported ACRs dropped
    assert (values["hint_type"], values["hint"], values["sub"]) == (1, "john", None)
    assert (values["binding_message"], values["requested_expiry"]) == ("Transfer 42", 120)
    assert values["user_code_required"] == 0
    ticket = values["ticket"]
    assert ticket and emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["state"] == "created"


@pytest.mark.parametrize("parameters, authorization, action, status, error", [
    ("login_hint=john&scope=openid", basic((424242, "x")), 3, 401, "invalid_client"),       # unknown client
    ("login_hint=john&scope=openid", basic((POLL[0], "wrong")), 3, 401, "invalid_client"),  # wrong secret
    ("login_hint=john&scope=openid", None, 3, 401, "invalid_client"),                       # no client at all
    ("login_hint=john&scope=email", basic(POLL), 2, 400, "invalid_scope"),                  # no openid
    ("scope=openid", basic(POLL), 2, 400, "invalid_request"),                               # no hint
    ("login_hint=john&id_token_hint=x.y.z&scope=openid", basic(POLL), 2, 400, "invalid_request"),  # two hints
    ("login_hint=john&scope=openid&requested_expiry=-5", basic(POLL), 2, 400, "invalid_request"),
    ("login_hint=john&scope=openid", basic(PING), 2, 400, "invalid_request"),   # ping without a notification token
    ("login_hint=john&scope=openid", basic(USER_CODE), 2, 400, "missing_user_code"),
])
def test_every_error_action(abi, service, client_for, parameters, authorization, action, status, error):
    result, values = authenticate(abi, client_for(service), service, parameters, authorization)
    assert result == OK, abi.last_error()
    assert (values["action"], values["http_status"]) == (action, status)
    assert json.loads(values["content"])["error"] == error
    assert values["ticket"] is None


def test_the_alias_and_client_secret_post(abi, emulator, service, client_for):
    client = client_for(service)
    values = start(abi, emulator, client, service, ("ping-client", "ping-secret"),
                   "login_hint=john&scope=openid&client_notification_token=tok-1")
    assert (values["client_id"], values["client_id_alias_used"], values["delivery_mode"]) == (1002, 1, 2)
    assert values["client_notification_token"] == "tok-1"
    status, values = authenticate(abi, client, service,
                                  "login_hint=john&scope=openid&client_id=1003&client_secret=push-secret"
                                  "&client_notification_token=tok-2")
    assert status == OK and (values["action"], values["client_id"], values["delivery_mode"]) == (4, 1003, 3)


def issue(abi, client, service, ticket):
    return fields(abi, "issue", client, service["id"], ticket)


def complete(abi, client, service, ticket, result, subject=None, description=None, uri=None):
    return fields(abi, "complete", client, service["id"], ticket, result, subject, description, uri)


def test_poll_flow(abi, emulator, service, client_for):
    client = client_for(service)
    ticket = start(abi, emulator, client, service)["ticket"]
    status, issued = issue(abi, client, service, ticket)
    assert status == OK, abi.last_error()
    assert (issued["action"], issued["http_status"], issued["result_code"]) == (3, 200, "A183001")
    assert issued["result_message"] == "[A183001] An auth_req_id was issued successfully."
    assert (issued["expires_in"], issued["interval"]) == (600, 5)  # the service's durations
    assert json.loads(issued["content"]) == {"auth_req_id": issued["auth_req_id"], "expires_in": 600, "interval": 5}
    # A ticket is issued once.
    status, again = issue(abi, client, service, ticket)
    assert status == OK and (again["action"], again["http_status"]) == (2, 500)  # INVALID_TICKET
    status, done = complete(abi, client, service, ticket, "AUTHORIZED", "john")
    assert status == OK, abi.last_error()
    assert (done["action"], done["result_code"]) == (2, "A198001")  # NO_ACTION
    assert done["result_message"] == ("[A198001] Successfully updated the database so that the token endpoint can "
                                      "generate tokens (mode = poll, result = AUTHORIZED).")
    assert (done["client_id"], done["delivery_mode"], done["auth_req_id"]) == (9007199254740993, 1, issued["auth_req_id"])
    assert done["access_token"] is None
    outcome = emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]
    assert outcome["state"] == "completed" and outcome["outcome"]["result"] == "AUTHORIZED"
    assert outcome["outcome"]["subject"] == "john"
    # A ticket is completed once.
    status, twice = complete(abi, client, service, ticket, "AUTHORIZED", "john")
    assert status == OK and twice["action"] == 1  # SERVER_ERROR


def test_ping_notification_carries_only_the_auth_req_id(abi, emulator, service, client_for):
    client = client_for(service)
    ticket = start(abi, emulator, client, service, PING,
                   "login_hint=john&scope=openid&client_notification_token=ping-token-1")["ticket"]
    auth_req_id = issue(abi, client, service, ticket)[1]["auth_req_id"]
    status, done = complete(abi, client, service, ticket, "ACCESS_DENIED", None, "the user said no")
    assert status == OK, abi.last_error()
    assert done["action"] == 3  # NOTIFICATION
    assert json.loads(done["content"]) == {"auth_req_id": auth_req_id}
    assert done["client_notification_endpoint"] == "http://127.0.0.1:9/ciba/ping"
    assert done["client_notification_token"] == "ping-token-1"
    assert (done["client_id"], done["delivery_mode"]) == (1002, 2)


@pytest.mark.parametrize("result, error", [("ACCESS_DENIED", "access_denied"), ("TRANSACTION_FAILED", "expired_token")])
def test_push_errors(abi, emulator, service, client_for, result, error):
    client = client_for(service)
    ticket = start(abi, emulator, client, service, PUSH,
                   "login_hint=john&scope=openid&client_notification_token=push-token")["ticket"]
    auth_req_id = issue(abi, client, service, ticket)[1]["auth_req_id"]
    status, done = complete(abi, client, service, ticket, result)
    assert status == OK, abi.last_error()
    assert done["action"] == 3
    content = json.loads(done["content"])
    assert (content["auth_req_id"], content["error"]) == (auth_req_id, error)
    assert "access_token" not in content and done["access_token"] is None


def test_push_tokens(abi, emulator, service, client_for):
    client = client_for(service)
    ticket = start(abi, emulator, client, service, PUSH,
                   "login_hint=john&scope=openid&client_notification_token=push-token")["ticket"]
    auth_req_id = issue(abi, client, service, ticket)[1]["auth_req_id"]
    status, done = complete(abi, client, service, ticket, "AUTHORIZED", "john")
    assert status == OK, abi.last_error()
    content = json.loads(done["content"])
    assert (done["action"], content["auth_req_id"], content["token_type"]) == (3, auth_req_id, "Bearer")
    assert content["access_token"] == done["access_token"] and content["id_token"] == done["id_token"]
    assert (content["expires_in"], done["access_token_duration"]) == (3600, 3600)
    assert done["client_notification_endpoint"] == "http://127.0.0.1:9/ciba/push"


def test_fail_after_authentication_deletes_the_real_ticket(abi, emulator, service, client_for):
    client = client_for(service)
    ticket = start(abi, emulator, client, service)["ticket"]
    status, response = abi.fail_fields(client, service["id"], ticket, "UNKNOWN_USER_ID")
    assert status == OK and (response["http_status"], json.loads(response["content"])) == (400, {"error": "unknown_user_id"})
    assert not emulator.ticket_exists(ticket)
    assert issue(abi, client, service, ticket)[1]["action"] == 2  # INVALID_TICKET


def test_the_json_calls_hand_out_authletes_body(abi, emulator, service, client_for):
    client = client_for(service)
    status, body = abi.call_ciba("authentication", client, service["id"],
                                 {"parameters": "login_hint=john&scope=openid", "clientId": str(POLL[0]),
                                  "clientSecret": POLL[1], "clientCertificatePath": []})
    assert status == OK, abi.last_error()
    ticket = json.loads(body)["ticket"]
    status, body = abi.call_ciba("issue", client, service["id"], {"ticket": ticket})
    assert status == OK and json.loads(body)["action"] == "OK"
    request = {"ticket": ticket, "result": "AUTHORIZED", "subject": "john", "authTime": 1700000000,
               "claims": json.dumps({"given_name": "John"}), "acr": "urn:example:acr:low", "scopes": ["openid"]}
    status, body = abi.call_ciba("complete", client, service["id"], request)
    assert status == OK and json.loads(body)["action"] == "NO_ACTION"
    outcome = emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["outcome"]
    assert (outcome["authTime"], outcome["acr"], outcome["scopes"]) == (1700000000, "urn:example:acr:low", ["openid"])


@pytest.mark.parametrize("endpoint, request_body, fragment", [
    ("complete", {"ticket": "t", "result": "AUTHORIZED"}, "subject is required when result is AUTHORIZED"),
    ("complete", {"ticket": "t", "result": "DENIED", "subject": "s"}, 'unknown result "DENIED"'),
    ("complete", {"ticket": "t", "result": "ACCESS_DENIED", "authTime": -1}, "authTime must be 0 or more"),
    ("issue", {}, 'lacks the required key "ticket"'),
    ("issue", {"ticket": "t", "extra": 1}, 'unknown key "extra"'),
    ("authentication", {"clientId": "1"}, 'lacks the required key "parameters"'),
    ("authentication", {"parameters": "x", "clientCertificatePath": "pem"}, "must be an array of strings"),
])
def test_bad_requests_are_refused_before_sending(abi, emulator, service, client_for, endpoint, request_body, fragment):
    before = emulator.stats()["requests"]
    assert abi.call_ciba(endpoint, client_for(service), service["id"], request_body) == (INVALID_ARGUMENT, None)
    assert fragment in abi.last_error()
    assert emulator.stats()["requests"] == before


def test_properties_cannot_be_form_encoded(abi, emulator, service, client_for):
    client = client_for(service, requestEncoding="form")
    request = {"ticket": "t", "result": "ACCESS_DENIED", "properties": [{"key": "k", "value": "v"}]}
    assert abi.call_ciba("complete", client, service["id"], request) == (INVALID_ARGUMENT, None)
    assert "form" in abi.last_error()


def test_form_encoding_serves_the_whole_flow(abi, emulator, service, client_for):
    client = client_for(service, requestEncoding="form")
    ticket = start(abi, emulator, client, service)["ticket"]
    assert issue(abi, client, service, ticket)[1]["action"] == 3
    status, body = abi.call_ciba("complete", client, service["id"],
                                 {"ticket": ticket, "result": "AUTHORIZED", "subject": "john", "scopes": ["openid", "email"]})
    assert status == OK and json.loads(body)["action"] == "NO_ACTION"
    assert emulator.admin("GET", f"/_emulator/tickets/{ticket}")[1]["outcome"]["scopes"] == ["openid", "email"]


def test_api_v2(abi, emulator, service, client_for):
    client = abi.client({"baseUrl": emulator.base_url, "apiVersion": 2, "apiKey": service["id"],
                         "apiSecret": service["apiSecret"]})
    try:
        ticket = start(abi, emulator, client, service)["ticket"]
        assert issue(abi, client, service, ticket)[1]["action"] == 3
    finally:
        abi.lib.authlete_client_free(client)


def test_a_wrong_token_is_an_api_error_with_authletes_body(abi, emulator, service, client_for):
    client = client_for({**service, "token": "not-the-token"})
    status, body = issue(abi, client, service, "t")
    assert status == API
    assert json.loads(body)["resultCode"] == "A458101"
    assert "HTTP 401 A458101" in abi.last_error() and "not-the-token" not in abi.last_error()


@pytest.mark.parametrize("endpoint", ["authentication", "issue", "complete"])
@pytest.mark.parametrize("fault, expected", [("non-json", PROTOCOL), ("unknown-action", PROTOCOL), ("status=500", API)])
def test_faults_on_each_endpoint(abi, emulator, client_for, endpoint, fault, expected):
    service = emulator.new_service(fault=f"{fault},on={endpoint}")
    client = client_for(service)
    requests = {"authentication": {"parameters": "login_hint=john&scope=openid", "clientId": str(POLL[0]),
                                   "clientSecret": POLL[1]},
                "issue": {"ticket": "t"}, "complete": {"ticket": "t", "result": "ACCESS_DENIED"}}
    status, body = abi.call_ciba(endpoint, client, service["id"], requests[endpoint])
    assert status == expected, abi.last_error()
    if expected == API:
        assert json.loads(body)["resultCode"] == "A001101"
    # The fault is on that endpoint only: /fail still answers.
    assert abi.fail_fields(client, service["id"], None, "ACCESS_DENIED")[0] == OK


@pytest.mark.parametrize("endpoint, arguments", [
    ("authentication", (None, None, None)),   # parameters
    ("issue", (None,)),                       # ticket
    ("complete", ("t", None, None, None, None)),  # result
])
def test_null_arguments_of_the_one_step_calls(abi, service, client_for, endpoint, arguments):
    client = client_for(service)
    assert fields(abi, endpoint, client, service["id"], *arguments) == (NULL_ARGUMENT, None)
    assert fields(abi, endpoint, None, service["id"], *arguments)[0] == NULL_ARGUMENT
    assert abi.call_ciba(endpoint, None, service["id"], "{}") == (NULL_ARGUMENT, None)
    assert abi.call_ciba(endpoint, client, None, "{}") == (NULL_ARGUMENT, None)
    assert abi.call_ciba(endpoint, client, service["id"], None) == (NULL_ARGUMENT, None)
