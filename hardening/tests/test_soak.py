"""Soak: HARD_SOAK_CALLS calls (default 20,000; the 200,000-call run is recorded in SECURITY.md) in one process on
one client, every answer checked, every 50th call a failure; resident memory must grow less than 2 MiB after the
warm-up (hardening/host/soak.c)."""
import os

from conftest import host, run_host

CALLS = int(os.environ.get("HARD_SOAK_CALLS", "20000"))


def test_soak_memory_is_flat(emulator, tmp_path):
    result = run_host([host("plain"), "soak", emulator.base_url, str(CALLS)], tmp_path, timeout=max(300, CALLS / 100))
    figures = result.notes("soak")
    assert int(figures["calls"]) == CALLS
    assert int(figures["growth_kib"]) < 2048, figures
    print(f"soak: {figures}")
