"""Credentials never leave in an error: not in the Python package's exceptions (str, repr, args, detail, a formatted
traceback) for every status, not in the C sample server's log for every kind of failure, and not in any line the
emulator logged during the whole hardening session (checked last, test_z_logs.py). authlete_last_error() itself is
checked after every call of every C host (hardening/host/support.c: hard_call), for every status.


Extends Tests/abi/test_faults.py::test_the_token_never_appears_in_any_error (last_error, v3 token, through ctypes)
with v2 API secrets, the Python exceptions and the logs."""
from __future__ import annotations

import os
import traceback

import pytest

from conftest import SECRET_MARKER

TOKEN = "tok-SECRET-python-7f3a"
API_SECRET = "sec-SECRET-python-91c2"


def exception_texts(error: BaseException) -> str:
    # The exception's own text as a log would show it (format_exception_only: the traceback's source lines are this
    # test's code, which names its constants).
    parts = [str(error), repr(error), "".join(traceback.format_exception_only(type(error), error))]
    parts += [str(argument) for argument in error.args]
    parts += [str(getattr(error, name, "")) for name in ("detail", "status_name", "result_code", "result_message")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def authlete_ciba(library_path):
    os.environ["AUTHLETE_LIBRARY"] = library_path
    import authlete_ciba

    return authlete_ciba


def failures(authlete_ciba, emulator, unused_port):
    """(expected exception class, a callable that raises it), one or more per status a call can fail with."""
    a = authlete_ciba
    v3 = emulator.new_service(token=TOKEN, api_secret=API_SECRET)
    slow = emulator.new_service(fault="delay=2000", token=TOKEN, api_secret=API_SECRET)
    garbled = emulator.new_service(fault="non-json", token=TOKEN, api_secret=API_SECRET)
    broken = emulator.new_service(fault="status=500", token=TOKEN, api_secret=API_SECRET)
    base = emulator.base_url

    def v3_call(service, **settings):
        with a.Client(base_url=base, token=TOKEN, **settings) as client:
            client.ciba_fail(service["id"], ticket="t", reason="ACCESS_DENIED")

    def v2_call(service, secret=API_SECRET, **settings):
        with a.Client(base_url=base, api_version=2, api_key=service["id"], api_secret=secret, **settings) as client:
            client.ciba_fail(service["id"], ticket="t", reason="ACCESS_DENIED")

    return [
        (a.InvalidArgumentError, lambda: a.Client(base_url=base, token=TOKEN).ciba_fail("a/b", ticket="t")),
        # (A reason that is not one of the nine names is echoed by authlete_ciba_fail_request_json, which holds no
        # credentials and cannot tell a token from a typo; so the package's "reason=<token>" is out of scope here.
        # Client calls redact it: hardening/host/paths.c, "token as a reason".)
        (a.ConfigError, lambda: a.Client(token=TOKEN, region="mars")),
        (a.ConfigError, lambda: a.Client(base_url="ftp://x", api_version=2, api_key="1", api_secret=API_SECRET)),
        (a.NetworkError, lambda: a.Client(base_url=f"http://127.0.0.1:{unused_port}", token=TOKEN).ciba_fail(v3["id"], ticket="t")),
        (a.TimeoutError, lambda: v3_call(slow, timeout_ms=300)),
        (a.TimeoutError, lambda: v2_call(slow, timeout_ms=300)),
        (a.ApiError, lambda: v3_call(broken)),
        (a.ApiError, lambda: v2_call(v3, secret="sec-SECRET-python-wrong")),
        (a.ApiError, lambda: a.Client(base_url=base, token="tok-SECRET-python-unknown").ciba_fail(v3["id"], ticket="t")),
        (a.ProtocolError, lambda: v3_call(garbled)),
        (a.ProtocolError, lambda: v2_call(garbled)),
    ]


def test_python_exceptions_never_carry_a_credential(authlete_ciba, emulator, unused_port):
    seen = set()
    for expected, action in failures(authlete_ciba, emulator, unused_port):
        with pytest.raises(expected) as caught:
            action()
        text = exception_texts(caught.value)
        assert SECRET_MARKER not in text, text
        seen.add(caught.value.status)
    # INVALID_ARGUMENT, CONFIG, NETWORK, TIMEOUT, API, PROTOCOL: every status a call can fail with from Python
    # (NULL_ARGUMENT cannot be produced through the package: it never passes NULL where a value is required).
    assert seen == {2, 3, 4, 5, 6, 7}


@pytest.mark.parametrize("fault, settings", [
    ("status=401", {}), ("status=500", {}), ("non-json", {}), ("close", {}), ("close-mid", {}),
    ("redirect", {}), ("oversized=2000000", {}), ("delay=2000", {"AUTHLETE_TIMEOUT_MS": "300"}),
])
def test_c_server_log_never_carries_the_token(emulator, tmp_path, fault, settings):
    """examples/c/backchannel-server logs each failed library call on stderr (status name and last_error)."""
    from testing_support import C_DIR, USERS, Launcher, authlete_env, check_failure_answer

    server_binary = C_DIR / "build" / "backchannel-server"
    if not server_binary.exists():
        pytest.fail(f"{server_binary} is missing: `make test-examples` (or make -C examples) builds it")
    os.environ.setdefault("AUTHLETE_LIBRARY", str(C_DIR.parents[1] / "build" / "lib" / "libauthlete.so.0"))
    service = emulator.new_service(fault=fault, token="tok-SECRET-cserver")
    launcher = Launcher(tmp_path)
    try:
        server = launcher.start([str(server_binary), "--port", "0", "--users", str(USERS), "--service-id", service["id"]],
                                authlete_env(emulator.base_url, service, **settings))
        check_failure_answer(server, [service["token"]])
        assert server.stop() == 0
        log = server.stderr()
        assert "AUTHLETE_ERR_" in log, log  # the failure was logged ...
        assert SECRET_MARKER not in log, log  # ... without the token
    finally:
        launcher.stop_all()
