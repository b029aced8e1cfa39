"""The library installs no signal handler, changes no signal mask, locale, umask or alternate signal stack, leaves
no descriptor open after its clients are freed, and prints nothing (hardening/host/statehost.c, which dlopens the
library as shipped only after recording the state, so that load-time initialisers are inside the window)."""
from conftest import host, run_host


def test_calls_leave_process_state_alone(emulator, library_path, tmp_path):
    run_host([host("plain", "statehost"), library_path, emulator.base_url], tmp_path, timeout=120)
