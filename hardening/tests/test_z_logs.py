"""Last of the session: every line the emulator logged while the hardening hosts and tests ran (thousands of
requests, every fault, v2 and v3 credentials) is free of credentials. Every credential made in this session
carries the marker "SECRET" (conftest.SECRET_MARKER)."""
from conftest import SECRET_MARKER


def test_emulator_log_never_carries_a_credential(emulator):
    text = emulator.log_path.read_text(errors="replace")
    assert text.count("\n") > 10, "the emulator logged almost nothing: is request logging on?"
    leaked = [line for line in text.splitlines() if SECRET_MARKER in line]
    assert leaked == [], leaked[:5]
