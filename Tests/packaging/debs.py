"""Installing and purging the project's Debian packages on this machine (the packaging tests change the machine:
whatever happens, they purge at the end; `python3 debs.py purge` does it from a shell's exit trap too)."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Dict, List

PACKAGES = ["libauthlete0", "libauthlete-dev", "authlete-emulator"]
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def installed() -> List[str]:
    """Those of PACKAGES dpkg knows in any state but purged (config-files included)."""
    result = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\n", *PACKAGES],
                            capture_output=True, text=True)
    return [line.split()[0] for line in result.stdout.splitlines()
            if len(line.split()) == 2 and line.split()[1] != "not-installed"]


def install(debs: List[str]) -> None:
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *debs], check=True,
                   capture_output=True, env=APT_ENV, timeout=600)


def files(package: str) -> List[str]:
    return subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True).stdout.splitlines()


def purge() -> None:
    present = installed()
    if present:
        subprocess.run(["apt-get", "purge", "-y", "-qq", *present], check=True, capture_output=True, env=APT_ENV,
                       timeout=600)


if __name__ == "__main__" and sys.argv[1:] == ["purge"]:
    purge()
