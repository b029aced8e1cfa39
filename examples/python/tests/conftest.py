"""Fixtures of the Python package's tests: a fresh emulator service and a Client on it."""
from __future__ import annotations

import pytest

from authlete_ciba import Client


@pytest.fixture()
def service(emulator) -> dict:
    return emulator.new_service()


@pytest.fixture()
def client(emulator, service):
    with Client(base_url=emulator.base_url, token=service["token"]) as made:
        yield made
