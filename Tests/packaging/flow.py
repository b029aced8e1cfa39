"""The whole CIBA flow through an installed authlete_ciba, the twin of flow.c (the same lines), then the path of
the libauthlete the process mapped. Run by the packaging tests with the installed package's interpreter, from /,
with an empty environment.
usage: python3 flow.py BASE_URL [CA_FILE]"""
import sys

from authlete_ciba import Client, FailReason, _native, version

BASIC = "Basic cG9sbC1jbGllbnQ6cG9sbC1zZWNyZXQ="  # poll-client:poll-secret, the emulator's default poll client


def authenticate(client: Client) -> str:
    answer = client.ciba_authentication("1000", "scope=openid&login_hint=john", BASIC)
    print("authentication", answer.action.name, answer.result_code)
    return answer.ticket


def main() -> None:
    base_url, ca_file = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    print("version", version(), _native.load().authlete_version_number())
    with Client(base_url=base_url, token="emulator-token", ca_file=ca_file) as client:
        ticket = authenticate(client)
        issue = client.ciba_issue("1000", ticket)
        print("issue", issue.action.name, issue.http_status, issue.result_code, f"expires_in={issue.expires_in}",
              f"interval={issue.interval}", "auth_req_id=" + ("set" if issue.auth_req_id else "empty"))
        complete = client.ciba_complete("1000", ticket, "AUTHORIZED", "john")
        print("complete", complete.action.name, complete.result_code)
        fail = client.ciba_fail("1000", ticket=authenticate(client), reason=FailReason.ACCESS_DENIED)
        print("fail", fail.action.name, fail.http_status, fail.response_content)
    with open("/proc/self/maps") as maps:
        mapped = sorted({line.split()[-1] for line in maps if "libauthlete" in line})
    print("mapped", *mapped)


if __name__ == "__main__":
    main()
