"""fork(): a prefork host makes a client and a call, forks two children that call on the inherited client while
the parent keeps calling; every call succeeds and the emulator accepted exactly 3 connections (the parent's, reused
throughout, and one fresh one per child: the library saw the pid change and left the parent's alone)."""
from conftest import host, run_host


def test_prefork_children_open_fresh_connections(emulator, tmp_path):
    result = run_host([host("plain"), "fork", emulator.base_url], tmp_path, timeout=120)
    assert result.notes("fork")["connections"] == "3"
