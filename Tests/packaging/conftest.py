"""Fixtures of the packaging tests: servers started by pid, the tarball extracted into a temporary folder, a CA
made for the test and a TLS proxy in front of the emulator."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402


def pytest_configure(config) -> None:
    for path in (support.TARBALL, *support.DEBS.values()):
        if not path.exists():
            pytest.exit(f"{path} is missing: run `make dist deb wheel` (or `make test-packaging`) first", returncode=2)


@pytest.fixture(scope="session")
def launcher(tmp_path_factory):
    launched = support.Launcher(tmp_path_factory.mktemp("servers"))
    yield launched
    launched.stop_all()


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Path:
    """The tarball extracted into a temporary folder: the folder it made."""
    where = tmp_path_factory.mktemp("tarball")
    with tarfile.open(support.TARBALL) as archive:
        archive.extractall(where, filter="tar")
    return where / support.DIST_NAME


@pytest.fixture(scope="session")
def tarball_emulator(launcher, extracted):
    """The tarball's own emulator, running."""
    return support.start_emulator(launcher, str(extracted / "bin" / "authlete-emulator"))


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory) -> dict:
    """A CA made for this run and a server certificate it signed for 127.0.0.1 (EC P-256, valid 2 days)."""
    where = tmp_path_factory.mktemp("ca")

    def openssl(*arguments: str) -> None:
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, cwd=where, timeout=60)

    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
            "-out", "ca.pem", "-days", "2", "-subj", "/CN=libauthlete packaging test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
            "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (where / "server.ext").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                      "extendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext")
    return {"ca": where / "ca.pem", "cert": where / "server.pem", "key": where / "server.key"}


@pytest.fixture(scope="session")
def https_emulator(launcher, tarball_emulator, test_ca) -> str:
    """https://127.0.0.1:PORT: the TLS proxy (test CA's certificate) in front of the tarball's emulator."""
    proxy = launcher.start([sys.executable, str(support.HERE / "tls_proxy.py"), str(test_ca["cert"]),
                            str(test_ca["key"]), str(tarball_emulator.port)], env=dict(os.environ))
    return f"https://127.0.0.1:{proxy.port}"
