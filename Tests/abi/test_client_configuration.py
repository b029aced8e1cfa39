"""authlete_client_new: every key, the environment, and which server a client would call. Region selection is
tested by the URL the client would use; nothing here sends a request."""
import ctypes
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import CONFIG, INVALID_ARGUMENT, OK

PYTHON_PACKAGE = Path(__file__).resolve().parents[2] / "examples" / "python"


@pytest.mark.parametrize("config, url", [
    ({"token": "t"}, "https://us.authlete.com"),
    ({"token": "t", "region": "us"}, "https://us.authlete.com"),
    ({"token": "t", "region": "jp"}, "https://jp.authlete.com"),
    ({"token": "t", "region": "eu"}, "https://eu.authlete.com"),
    ({"token": "t", "region": "br"}, "https://br.authlete.com"),
    ({"apiVersion": 2, "apiKey": "1000", "apiSecret": "s"}, "https://api.authlete.com"),
    ({"token": "t", "baseUrl": "https://authlete.example.com/"}, "https://authlete.example.com"),
])
def test_chooses_the_server(abi, config, url):
    status, client = abi.new_client(config)
    assert status == OK, abi.last_error()
    try:
        assert abi.lib.authlete_client_base_url(client).decode() == url
    finally:
        abi.lib.authlete_client_free(client)


def test_accepts_every_documented_key(abi, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("")
    config = {"baseUrl": "http://127.0.0.1:1", "apiVersion": 3, "token": "t", "timeoutMs": 1000,
              "connectTimeoutMs": 500, "maxRetries": 2, "userAgent": "my-as/1.0", "caFile": str(ca),
              "requestEncoding": "form"}
    status, client = abi.new_client(config)
    assert status == OK, abi.last_error()
    abi.lib.authlete_client_free(client)


@pytest.mark.parametrize("config, fragment", [
    ('{"token":"t","timeout_ms":5}', 'unknown key "timeout_ms"'),
    ('{"token":"t","baseUrl":"ftp://x"}', "http:// or https://"),
    ('{"token":"t","baseUrl":"https://us.authlete.com/api"}', "must not end in /api"),
    ('{"token":"t","region":"mars"}', "region must be one of"),
    ('{"apiVersion":3}', "needs a token"),
    ('{"apiVersion":2,"apiKey":"1000"}', "needs apiKey and apiSecret"),
    ('{"token":"t","maxRetries":-1}', "maxRetries"),
    ('{"token":"t","caFile":"/nonexistent.pem"}', "caFile"),
    ('{"token":"t","requestEncoding":"xml"}', "requestEncoding"),
    ("[1,2]", "not a JSON object"),
    ("", "not valid JSON"),
])
def test_refuses_bad_configurations_and_writes_null(abi, config, fragment):
    status, client = abi.new_client(config)
    assert status == CONFIG
    assert client.value is None
    assert fragment in abi.last_error()


def test_refuses_oversized_and_non_utf8_configurations(abi):
    assert abi.new_client('{"token":"' + "t" * (64 * 1024) + '"}')[0] == INVALID_ARGUMENT
    client = ctypes.c_void_p(0xDEAD)
    assert abi.lib.authlete_client_new(b'{"token":"\xff"}', ctypes.byref(client)) == INVALID_ARGUMENT
    assert client.value is None


def run_with_environment(library_path, environment, code):
    """Runs `code` in a fresh Python whose environment holds only the given AUTHLETE_* variables."""
    script = textwrap.dedent(f"""
        import ctypes, json, sys
        sys.path.insert(0, {str(PYTHON_PACKAGE)!r})
        from authlete_ciba import _native
        lib = _native.load({library_path!r})
    """) + textwrap.dedent(code)
    env = {"PATH": "/usr/bin:/bin", **environment}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CLIENT_FROM_ENVIRONMENT = """
    client = ctypes.c_void_p()
    status = lib.authlete_client_new(None, ctypes.byref(client))
    url = lib.authlete_client_base_url(client) if status == 0 else None
    print(json.dumps([status, url and url.decode(), lib.authlete_last_error().decode()]))
"""


@pytest.mark.parametrize("environment, expected", [
    ({"AUTHLETE_BEARER": "b"}, [OK, "https://us.authlete.com", ""]),
    ({"AUTHLETE_SERVICE_ACCESSTOKEN": "sat", "AUTHLETE_BASE_URL": "http://127.0.0.1:9"}, [OK, "http://127.0.0.1:9", ""]),
    ({"AUTHLETE_API_VERSION": "V2", "AUTHLETE_SERVICE_APIKEY": "1", "AUTHLETE_SERVICE_APISECRET": "s"},
     [OK, "https://api.authlete.com", ""]),
    ({}, [CONFIG, None, "apiVersion 3 needs a token (AUTHLETE_BEARER or AUTHLETE_SERVICE_ACCESSTOKEN)"]),
    ({"AUTHLETE_BEARER": "b", "AUTHLETE_TIMEOUT_MS": "0"}, [CONFIG, None, "timeoutMs must be within 1...3600000"]),
])
def test_reads_the_environment_when_config_is_null(library_path, environment, expected):
    assert run_with_environment(library_path, environment, CLIENT_FROM_ENVIRONMENT) == expected
