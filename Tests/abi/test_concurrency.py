"""One client shared by many threads (ctypes releases the GIL, so these calls really run at once), with its
connections reused; and the process-wide client of authlete_ciba_fail made from the environment."""
import json
import threading

from conftest import OK
from test_client_configuration import run_with_environment

THREADS = 8
CALLS_PER_THREAD = 200


def test_eight_threads_share_one_client_and_reuse_connections(abi, emulator, client_for):
    service = emulator.new_service()
    client = client_for(service)
    before = emulator.stats()["connections"]
    results = []
    lock = threading.Lock()

    def worker():
        mine = []
        for _ in range(CALLS_PER_THREAD):
            status, body = abi.fail(client, service["id"], {"ticket": "t", "reason": "INVALID_TARGET"})
            mine.append((status, json.loads(abi.parse(body)["content"]) if status == OK else abi.last_error()))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == THREADS * CALLS_PER_THREAD
    assert all(status == OK and content == {"error": "invalid_target"} for status, content in results)
    opened = emulator.stats()["connections"] - before
    assert 1 <= opened <= THREADS


PROCESS_WIDE = """
    import threading
    out = ctypes.c_void_p()
    statuses = []
    def call():
        o = ctypes.c_void_p()
        statuses.append(lib.authlete_ciba_fail(SERVICE, b'{"ticket":"t","reason":"MISSING_USER_CODE"}', ctypes.byref(o)))
        if o.value:
            lib.authlete_free(o)
    threads = [threading.Thread(target=call) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    status = lib.authlete_ciba_fail(SERVICE, b'{"ticket":"t","reason":"MISSING_USER_CODE"}', ctypes.byref(out))
    body = _native.take_string(lib, out)
    print(json.dumps([statuses, status, json.loads(body)["action"]]))
"""


def test_process_wide_client_comes_from_the_environment(library_path, emulator):
    service = emulator.new_service()
    code = PROCESS_WIDE.replace("SERVICE", repr(service["id"].encode()))
    result = run_with_environment(library_path, {"AUTHLETE_BASE_URL": emulator.base_url,
                                                 "AUTHLETE_BEARER": service["token"]}, code)
    assert result == [[OK] * 4, OK, "BAD_REQUEST"]


def test_process_wide_client_reports_a_missing_environment(library_path):
    code = """
    out = ctypes.c_void_p(0xDEAD)
    status = lib.authlete_ciba_fail(b"1000", b"{}", ctypes.byref(out))
    print(json.dumps([status, out.value, lib.authlete_last_error().decode()]))
    """
    assert run_with_environment(library_path, {}, code) == [
        3, None, "apiVersion 3 needs a token (AUTHLETE_BEARER or AUTHLETE_SERVICE_ACCESSTOKEN)"]
