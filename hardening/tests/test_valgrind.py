"""valgrind memcheck over the C host driving every path (names, requests, responses, configurations, a success for
each reason in JSON, form and v2, every status, every emulator fault): 0 bytes definitely or indirectly lost, no
invalid read or write, on the library as shipped (build/lib, whose debug info `make lib` strips for valgrind 3.19)."""
import re

from conftest import host, run_host

VALGRIND = ["valgrind", "--quiet", "--error-exitcode=99", "--leak-check=full", "--show-leak-kinds=definite,indirect",
            "--errors-for-leak-kinds=definite,indirect", "--track-fds=no"]


def test_every_path_under_valgrind(emulator, tmp_path):
    log = tmp_path / "valgrind.log"
    result = run_host([*VALGRIND, f"--log-file={log}", host("plain"), "paths", emulator.base_url], tmp_path,
                      timeout=900, env={"HARD_MARGIN_MS": "10000"}, expect_code=None)
    text = log.read_text()
    assert result.returncode == 0, f"exit status {result.returncode}\n{result.report[-4000:]}\n{text[-6000:]}"
    assert not re.search(r"Invalid (read|write|free)|uninitialised|definitely lost: [1-9]|indirectly lost: [1-9]", text), text[-6000:]
