"""Benchmark client in Python: the same work per call as the C clients (build the request, POST it, parse the
answer), through one of four stacks, printing one JSON line like bench/clients/driver.c.

  --kind libauthlete   authlete_ciba (ctypes over libauthlete): one Client shared by every thread
  --kind ctypes        bare ctypes over the same library: functions declared once, per call only the C calls and
                       the reading of the answer (the floor for any Python binding of libauthlete)
  --kind sdk           Authlete's own Python SDK (authlete 1.3.0): AuthleteApiImpl.backchannelAuthenticationFail
  --kind requests      one requests.Session per thread posting the same JSON with the same headers

--call picks the endpoint (sdk and requests: fail only):
  fail             /fail (libauthlete: Client.ciba_fail; ctypes: the one-step call and the five members it reads)
  fail-json        ctypes only: the three-call path (request JSON, POST, parse, read the action)
  authentication   /backchannel/authentication from a form body and a Basic header, every member read
                   (libauthlete: a typed AuthenticationResponse; ctypes: the request JSON, the call, json.loads)
  issue, complete  /issue from a ticket, /complete with AUTHORIZED and a subject (the same two shapes)

Every loop is bounded by --max-calls per thread and by --seconds. Only the given --url is contacted.
"""
import argparse
import json
import os
import resource
import sys
import threading
import time


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_kib() -> int:
    """VmHWM: the peak resident set since execve (ru_maxrss would carry the harness's figure over from fork)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


# What the client of the authorization server sent (as bench/clients/driver.h): its form body and Basic header.
PARAMETERS = ("login_hint=john&scope=openid%20profile%20email&binding_message=W4SCT&user_code=my-user-code"
              "&requested_expiry=300&acr_values=urn%3Amace%3Aincommon%3Aiap%3Asilver")
AUTHORIZATION = "Basic MjY4NjIxOTAxMzM0ODI6YmVuY2gtc2VjcmV0"
SUBJECT = "john"
# The action each endpoint's answer must carry for a call to count as a success.
EXPECTED_ACTION = {"fail": "FORBIDDEN", "fail-json": "FORBIDDEN", "authentication": "USER_IDENTIFICATION",
                   "issue": "OK", "complete": "NO_ACTION"}


def make_libauthlete(args):
    import functools

    from authlete_ciba import (AuthenticationAction, Client, CompleteAction, CompleteResult, FailAction, FailReason,
                               IssueAction)

    client = Client(base_url=args.url, token=args.token, ca_file=args.ca)
    # functools.partial: no Python frame of the harness's own around the package's call.
    one, expected = {
        "fail": (functools.partial(client.ciba_fail, args.service, ticket=args.ticket, reason=FailReason.ACCESS_DENIED),
                 FailAction.FORBIDDEN),
        "authentication": (functools.partial(client.ciba_authentication, args.service, PARAMETERS, AUTHORIZATION),
                           AuthenticationAction.USER_IDENTIFICATION),
        "issue": (functools.partial(client.ciba_issue, args.service, args.ticket), IssueAction.OK),
        "complete": (functools.partial(client.ciba_complete, args.service, args.ticket, CompleteResult.AUTHORIZED,
                                       SUBJECT), CompleteAction.NO_ACTION),
    }[args.call]
    assert expected.name == EXPECTED_ACTION[args.call]

    def new_thread():
        def call() -> bool:
            return one().action is expected
        return call
    return new_thread, client.close


def make_ctypes(args):
    import ctypes

    library = ctypes.CDLL(os.environ["AUTHLETE_LIBRARY"])
    void_p, char_p, out = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)

    def declare(name, restype, *argtypes):
        function = getattr(library, name)
        function.restype, function.argtypes = restype, list(argtypes)
        return function

    client_new = declare("authlete_client_new", ctypes.c_int, char_p, out)
    client_free = declare("authlete_client_free", None, void_p)
    free = declare("authlete_free", None, void_p)
    config = json.dumps({"baseUrl": args.url, "token": args.token, **({"caFile": args.ca} if args.ca else {})})
    client = void_p()
    if client_new(config.encode(), ctypes.byref(client)) != 0:
        raise SystemExit("ctypes: authlete_client_new failed")
    # The service id is fixed for a server; a ticket is new in every request, so it is encoded per call.
    service = args.service.encode()

    if args.call in ("fail", "fail-json"):
        fields = declare("authlete_client_ciba_fail_fields", ctypes.c_int, void_p, char_p, char_p, char_p, char_p,
                         char_p, out, out)
        request_json = declare("authlete_ciba_fail_request_json", ctypes.c_int, char_p, char_p, char_p, char_p, out)
        post = declare("authlete_client_ciba_fail", ctypes.c_int, void_p, char_p, char_p, out)
        parse = declare("authlete_ciba_fail_response_parse", ctypes.c_int, char_p, out)
        action = declare("authlete_ciba_fail_response_action", ctypes.c_int, void_p)
        status = declare("authlete_ciba_fail_response_http_status", ctypes.c_int, void_p)
        content = declare("authlete_ciba_fail_response_content", char_p, void_p)
        code = declare("authlete_ciba_fail_response_result_code", char_p, void_p)
        message = declare("authlete_ciba_fail_response_result_message", char_p, void_p)
        response_free = declare("authlete_ciba_fail_response_free", None, void_p)
        forbidden = 3  # AUTHLETE_CIBA_FAIL_ACTION_FORBIDDEN

        def one() -> bool:
            response = void_p()
            ticket = args.ticket.encode()
            if fields(client, service, ticket, b"ACCESS_DENIED", None, None, ctypes.byref(response), None) != 0:
                return False
            try:
                values = (action(response), status(response), content(response).decode(),
                          code(response).decode(), message(response).decode())
                return values[0] == forbidden
            finally:
                response_free(response)

        def one_json() -> bool:
            request, answer, response = void_p(), void_p(), void_p()
            try:
                if (request_json(args.ticket.encode(), b"ACCESS_DENIED", None, None, ctypes.byref(request)) != 0
                        or post(client, service, ctypes.cast(request, char_p), ctypes.byref(answer)) != 0
                        or parse(ctypes.cast(answer, char_p), ctypes.byref(response)) != 0):
                    return False
                return action(response) == forbidden and content(response) is not None
            finally:
                response_free(response)
                free(answer)
                free(request)
        call = one if args.call == "fail" else one_json
    else:
        post = declare(f"authlete_client_ciba_{args.call}", ctypes.c_int, void_p, char_p, char_p, out)
        expected = EXPECTED_ACTION[args.call]
        if args.call == "authentication":
            request_json = declare("authlete_ciba_authentication_request_json", ctypes.c_int, char_p, char_p, char_p,
                                   out)
            parameters, authorization = PARAMETERS.encode(), AUTHORIZATION.encode()

            def request():
                made = void_p()
                if request_json(parameters, authorization, None, ctypes.byref(made)) != 0:
                    return None
                try:
                    return ctypes.string_at(made.value)
                finally:
                    free(made)
        elif args.call == "issue":
            def request():
                return json.dumps({"ticket": args.ticket}).encode()
        else:
            def request():
                return json.dumps({"ticket": args.ticket, "result": "AUTHORIZED", "subject": SUBJECT}).encode()

        def call() -> bool:
            body, answer = request(), void_p()
            if body is None or post(client, service, body, ctypes.byref(answer)) != 0:
                return False
            try:
                document = json.loads(ctypes.string_at(answer.value).decode())
            finally:
                free(answer)
            return document["action"] == expected

    return (lambda: call), lambda: client_free(client)


def make_sdk(args):
    from authlete.api import AuthleteApiImpl
    from authlete.conf import AuthleteConfiguration
    from authlete.dto import (BackchannelAuthenticationFailAction, BackchannelAuthenticationFailReason,
                              BackchannelAuthenticationFailRequest)

    if args.ca:
        # The SDK calls requests.request(), which trusts REQUESTS_CA_BUNDLE (its only way to take a CA).
        os.environ["REQUESTS_CA_BUNDLE"] = args.ca
    configuration = AuthleteConfiguration()
    configuration.baseUrl = args.url
    configuration.apiVersion = "V3"
    configuration.serviceApiKey = args.service
    configuration.serviceAccessToken = args.token
    api = AuthleteApiImpl(configuration)

    def new_thread():
        def call() -> bool:
            request = BackchannelAuthenticationFailRequest()
            request.ticket = args.ticket
            request.reason = BackchannelAuthenticationFailReason.ACCESS_DENIED
            response = api.backchannelAuthenticationFail(request)
            return response.action == BackchannelAuthenticationFailAction.FORBIDDEN
        return call
    return new_thread, lambda: None


def make_requests(args):
    import requests

    url = f"{args.url}/api/{args.service}/backchannel/authentication/fail"
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json",
               "Accept": "application/json"}
    sessions = []

    def new_thread():
        session = requests.Session()
        session.trust_env = False  # no proxy or .netrc look-ups: the bench talks to --url only
        if args.ca:
            session.verify = args.ca
        sessions.append(session)

        def call() -> bool:
            body = json.dumps({"ticket": args.ticket, "reason": "ACCESS_DENIED"})
            answer = session.post(url, data=body, headers=headers, timeout=(10, 30))
            return answer.status_code == 200 and answer.json()["action"] == "FORBIDDEN"
        return call

    def close():
        for session in sessions:
            session.close()
    return new_thread, close


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", required=True, choices=["libauthlete", "ctypes", "sdk", "requests"])
    parser.add_argument("--call", default="fail", choices=sorted(EXPECTED_ACTION))
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--service", default="1000")
    parser.add_argument("--ticket", default="bench-ticket")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--max-calls", type=int, default=100000)
    parser.add_argument("--t0", type=int, default=0, help="CLOCK_MONOTONIC ns when the harness started us")
    parser.add_argument("--ca", default=None, help="CA certificates trusted for an https --url")
    args = parser.parse_args()
    if not (1 <= args.threads <= 64 and 0 < args.seconds <= 600 and 1 <= args.max_calls <= 10_000_000):
        parser.error("out of range")
    if (args.call != "fail" and args.kind in ("sdk", "requests")) or (args.call == "fail-json" and args.kind != "ctypes"):
        parser.error(f"--kind {args.kind} has no --call {args.call}")

    makers = {"libauthlete": make_libauthlete, "ctypes": make_ctypes, "sdk": make_sdk, "requests": make_requests}
    new_thread, close = makers[args.kind](args)
    first = new_thread()
    if not first():
        raise SystemExit(f"{args.kind}: the first call failed")
    cold_ms = (time.monotonic_ns() - args.t0) / 1e6 if args.t0 else -1

    calls = [first] + [new_thread() for _ in range(args.threads - 1)]
    results = [None] * args.threads
    start = threading.Barrier(args.threads + 1)
    deadline = [0]

    def run(index: int) -> None:
        call, latencies, errors = calls[index], [], 0
        start.wait()
        end = deadline[0]
        clock = time.perf_counter_ns
        for _ in range(args.max_calls):
            before = clock()
            if before >= end:
                break
            try:
                ok = call()
            except Exception as error:  # counted, never silent
                print(f"{args.kind}: {type(error).__name__}: {error}", flush=True, file=sys.stderr)
                ok = False
            errors += not ok
            latencies.append(clock() - before)
        results[index] = (latencies, errors)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    cpu_before = cpu_seconds()
    t_start = time.perf_counter_ns()
    deadline[0] = t_start + int(args.seconds * 1e9)
    start.wait()
    for thread in threads:
        thread.join()
    t_end = time.perf_counter_ns()
    cpu_after = cpu_seconds()
    close()

    latencies = sorted(value for result in results for value in result[0])
    errors = sum(result[1] for result in results)
    count = len(latencies)
    seconds = (t_end - t_start) / 1e9
    print(json.dumps({
        "client": f"py-{args.kind}", "call": args.call, "threads": args.threads, "calls": count, "errors": errors,
        "seconds": round(seconds, 4), "calls_per_s": round(count / seconds, 1),
        "p50_us": round(latencies[(count - 1) * 50 // 100] / 1e3, 1) if count else 0,
        "p99_us": round(latencies[(count - 1) * 99 // 100] / 1e3, 1) if count else 0,
        "cpu_us_per_call": round((cpu_after - cpu_before) * 1e6 / count, 2) if count else 0,
        "maxrss_kib": peak_rss_kib(), "cold_ms": round(cold_ms, 3),
    }), flush=True)
    return 0 if errors == 0 and count else 1


if __name__ == "__main__":
    raise SystemExit(main())
