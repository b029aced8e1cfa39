"""What the packaging tests share: where the artifacts are, the flow every artifact must run, and running programs
with nothing of the build tree or of this process's environment.

The artifacts are those of `make dist`, `make deb` and `make wheel`; a test installs one into a place of its own
and uses only what it installed there (plus the system's libcurl and libcjson, which every artifact requires).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "examples"))
from testing_support import Launcher  # noqa: E402,F401  (re-exported: starting servers by pid)

VERSION = "0.2.0"
DIST_NAME = f"libauthlete-{VERSION}-linux-x86_64"
TARBALL = ROOT / "build" / "dist" / f"{DIST_NAME}.tar.gz"
DEB_DIR = ROOT / "build" / "deb"
DEBS = {name: DEB_DIR / f"{name}_{VERSION}-1_amd64.deb" for name in ("libauthlete0", "libauthlete-dev",
                                                                     "authlete-emulator")}
WHEEL_DIR = ROOT / "build" / "wheel"
FLOW_C = HERE / "flow.c"
FLOW_PY = HERE / "flow.py"
SYSTEM_LIBDIR = "/usr/lib/x86_64-linux-gnu"

# What the whole flow prints against the emulator's default service (the facts files' result codes and actions;
# the default CIBA settings: authReqIdDuration 600 s, polling interval 5 s).
FLOW_LINES = [
    f"version {VERSION} 200",
    "authentication USER_IDENTIFICATION A179001",
    "issue OK 200 A183001 expires_in=600 interval=5 auth_req_id=set",
    "complete NO_ACTION A198001",
    "authentication USER_IDENTIFICATION A179001",
    'fail FORBIDDEN 403 {"error":"access_denied"}',
]

# A minimal environment: no AUTHLETE_*, no PYTHONPATH, no proxies, no LD_LIBRARY_PATH unless given.
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "NO_PROXY": "127.0.0.1"}


def run(argv: List[str], env: Optional[Dict[str, str]] = None, cwd: str = "/", timeout: float = 120,
        check: bool = True) -> subprocess.CompletedProcess:
    """argv with only BASE_ENV (plus `env`), from / by default; fails with its output when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, env={**BASE_ENV, **(env or {})}, cwd=cwd,
                            timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"{argv} exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def build_flow(out: Path, pkg_config_path: Optional[str]) -> Path:
    """flow.c built with nothing but `pkg-config --cflags --libs authlete` (PKG_CONFIG_PATH as given)."""
    env = {} if pkg_config_path is None else {"PKG_CONFIG_PATH": pkg_config_path}
    flags = run(["pkg-config", "--cflags", "--libs", "authlete"], env=env).stdout.split()
    run(["cc", "-std=c11", "-Wall", "-Werror", "-o", str(out), str(FLOW_C), *flags])
    return out


def start_emulator(launcher: Launcher, binary: str, *arguments: str):
    """The emulator at `binary` on a free loopback port, by pid, with an empty environment."""
    return launcher.start([binary, "--port", "0", "--quiet", *arguments], env=dict(BASE_ENV), cwd=Path("/"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mapped_library(output: str) -> str:
    """The libauthlete file flow.py's process mapped (its last line)."""
    last = output.strip().splitlines()[-1].split()
    assert last[0] == "mapped" and len(last) == 2, output
    return last[1]
