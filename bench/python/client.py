"""Benchmark client in Python: the same work per call as the C clients (build the request, POST it, parse the
action), through one of three stacks, printing one JSON line like bench/clients/driver.c.

  --kind libauthlete   authlete_ciba (ctypes over libauthlete): one Client shared by every thread
  --kind sdk           Authlete's own Python SDK (authlete 1.3.0): AuthleteApiImpl.backchannelAuthenticationFail
  --kind requests      one requests.Session per thread posting the same JSON with the same headers

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


def make_libauthlete(args):
    from authlete_ciba import Client, FailAction, FailReason

    client = Client(base_url=args.url, token=args.token, ca_file=args.ca)

    def new_thread():
        def call() -> bool:
            answer = client.ciba_fail(args.service, ticket=args.ticket, reason=FailReason.ACCESS_DENIED)
            return answer.action == FailAction.FORBIDDEN
        return call
    return new_thread, client.close


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
    parser.add_argument("--kind", required=True, choices=["libauthlete", "sdk", "requests"])
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

    new_thread, close = {"libauthlete": make_libauthlete, "sdk": make_sdk, "requests": make_requests}[args.kind](args)
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
        "client": f"py-{args.kind}", "threads": args.threads, "calls": count, "errors": errors,
        "seconds": round(seconds, 4), "calls_per_s": round(count / seconds, 1),
        "p50_us": round(latencies[(count - 1) * 50 // 100] / 1e3, 1) if count else 0,
        "p99_us": round(latencies[(count - 1) * 99 // 100] / 1e3, 1) if count else 0,
        "cpu_us_per_call": round((cpu_after - cpu_before) * 1e6 / count, 2) if count else 0,
        "maxrss_kib": peak_rss_kib(), "cold_ms": round(cold_ms, 3),
    }), flush=True)
    return 0 if errors == 0 and count else 1


if __name__ == "__main__":
    raise SystemExit(main())
