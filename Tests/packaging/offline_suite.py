"""An authorization server's own test suite as a user writes it: the `authlete_emulator` fixture of the installed
authlete_ciba (registered by the wheel's pytest11 entry point, no `-p`), the emulator binary found on the PATH.
The packaging tests copy it out of the repository and run it in a fresh venv; the values are the facts files'
(result codes, actions) and the emulator's default service (authReqIdDuration 600 s, interval 5 s)."""
import base64
import os
import shutil

import authlete_ciba
from authlete_ciba import FailReason


def basic(client) -> str:
    return "Basic " + base64.b64encode(f"{client.alias}:{client.secret}".encode()).decode()


def test_the_fixture_serves_the_whole_flow(authlete_emulator):
    assert shutil.which("authlete-emulator") == os.environ["EXPECTED_EMULATOR"]
    assert authlete_ciba.__file__.startswith(os.environ["EXPECTED_PREFIX"])
    assert authlete_emulator.base_url == f"http://127.0.0.1:{authlete_emulator.port}"
    assert (authlete_emulator.service_id, authlete_emulator.token) == ("1000", "emulator-token")
    poll = authlete_emulator.clients["poll-client"]
    assert (poll.delivery_mode, poll.auth_method) == ("POLL", "CLIENT_SECRET_BASIC")
    with authlete_emulator.client() as client:
        answer = client.ciba_authentication("1000", "scope=openid&login_hint=john", basic(poll))
        assert (answer.action.name, answer.result_code) == ("USER_IDENTIFICATION", "A179001")
        issue = client.ciba_issue("1000", answer.ticket)
        assert (issue.action.name, issue.http_status, issue.result_code) == ("OK", 200, "A183001")
        assert (issue.expires_in, issue.interval) == (600, 5) and issue.auth_req_id
        answer = client.ciba_authentication("1000", "scope=openid&login_hint=john", basic(poll))
        fail = client.ciba_fail("1000", ticket=answer.ticket, reason=FailReason.ACCESS_DENIED)
        assert (fail.action.name, fail.http_status, fail.response_content) == (
            "FORBIDDEN", 403, '{"error":"access_denied"}')
