"""The library and the C host built with AddressSanitizer + UndefinedBehaviorSanitizer (C code; Swift's own
arithmetic and bounds are checked by the language) over every path and the fault matrix, LeakSanitizer at exit;
and the 8-thread tests on one client (fail; the whole flow authentication -> issue -> complete) under
ThreadSanitizer. Any report is printed on stderr and fails the test."""
from conftest import ROOT, host, run_host

ASAN_OPTIONS = "detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1"
UBSAN_OPTIONS = "print_stacktrace=1:halt_on_error=1"
# The sanitized library is several times slower: a call may take this much beyond its bound (default 1500 ms).
MARGIN = {"HARD_MARGIN_MS": "3000"}


def test_every_path_under_asan_and_ubsan(emulator, tmp_path, swift_runtime_env):
    run_host([host("asan"), "paths", emulator.base_url], tmp_path, timeout=300,
             env={**swift_runtime_env, **MARGIN, "ASAN_OPTIONS": ASAN_OPTIONS, "UBSAN_OPTIONS": UBSAN_OPTIONS})


def test_fault_matrix_under_asan_and_ubsan(emulator, tmp_path, swift_runtime_env):
    result = run_host([host("asan"), "faults", emulator.base_url], tmp_path, timeout=300,
                      env={**swift_runtime_env, **MARGIN, "ASAN_OPTIONS": ASAN_OPTIONS, "UBSAN_OPTIONS": UBSAN_OPTIONS})
    assert result.notes("fault-matrix-concurrent")["calls"] == "1024"


def test_eight_threads_on_one_client_under_tsan(emulator, tmp_path, swift_runtime_env):
    options = f"halt_on_error=1:second_deadlock_stack=1:suppressions={ROOT / 'hardening' / 'tsan.supp'}"
    result = run_host([host("tsan"), "threads", emulator.base_url, "200"], tmp_path, timeout=600,
                      env={**swift_runtime_env, **MARGIN, "TSAN_OPTIONS": options})
    threads = result.notes("threads")
    assert (threads["threads"], threads["calls"], threads["ok"]) == ("8", "1600", "1600")
    flows = result.notes("flow-threads")
    assert (flows["threads"], flows["flows"], flows["ok"], flows["calls"]) == ("8", "800", "800", "2400")
    assert result.notes("fault-matrix-concurrent")["calls"] == "1024"
