"""The fault matrix on the library as shipped: every emulator fault, sequentially (exact status, time bound, how
many requests the emulator saw: what may be retried and what not, redirects never followed) and from 8 threads on
one client (exact statuses, each call within timeout + margin), against each of the four endpoints (a success also
with the endpoint's exact action), with nothing printed on the host's stdout/stderr.
The same matrix runs under ASan/UBSan (test_sanitizers.py) and TSan for the threads; the expected statuses are
in hardening/host/faults.c, from include/authlete.h and the emulator's README section."""
from conftest import host, run_host


def test_fault_matrix(emulator, tmp_path):
    result = run_host([host("plain"), "faults", emulator.base_url], tmp_path, timeout=300)
    sequential = result.notes("fault-matrix-sequential")
    assert (sequential["endpoints"], sequential["rows"], sequential["calls"]) == ("4", "29", "116")
    figures = result.notes("fault-matrix-concurrent")
    assert (figures["threads"], figures["endpoints"], figures["calls"]) == ("8", "4", "1024")
    for endpoint in ("fail", "authentication", "issue", "complete"):
        assert result.notes(f"fault-matrix-concurrent-{endpoint}")["calls"] == "256"
