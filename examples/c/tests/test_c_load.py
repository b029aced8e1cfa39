"""backchannel-server under load: 4 concurrent clients x 250 requests = 1,000, nothing lost, one shared client."""
from __future__ import annotations

import json
import threading
import time

from testing_support import REASONS, SERVER_CASES, USERS, authlete_env

CLIENTS, PER_CLIENT = 4, 250


def test_four_clients_one_thousand_requests(emulator, launcher, c_build, capsys):
    service = emulator.new_service()
    server = launcher.start([str(c_build / "backchannel-server"), "--port", "0", "--users", str(USERS),
                             "--service-id", service["id"]], authlete_env(emulator.base_url, service))
    tickets = [emulator.new_ticket(service["id"]) for _ in range(CLIENTS * PER_CLIENT)]
    answers = [None] * len(tickets)
    failures = []

    def client(index: int) -> None:
        connection = server.connection(timeout=30)  # keep-alive: one connection per client
        try:
            for call in range(PER_CLIENT):
                slot = index * PER_CLIENT + call
                form, reason, description = SERVER_CASES[slot % len(SERVER_CASES)]
                connection.request("POST", "/backchannel/authentication", body=f"{form}&ticket={tickets[slot]}",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
                response = connection.getresponse()
                answers[slot] = (response.status, response.read())
        except Exception as error:  # collected: an assert in a thread would be lost
            failures.append(f"client {index}: {error!r}")
        finally:
            connection.close()

    before = emulator.stats()
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    after = emulator.stats()
    assert not any(thread.is_alive() for thread in threads) and failures == []

    for slot, answer in enumerate(answers):
        form, reason, description = SERVER_CASES[slot % len(SERVER_CASES)]
        error, _, status = REASONS[reason]
        assert answer is not None, slot
        assert answer[0] == status and json.loads(answer[1]) == {"error": error, "error_description": description}
    assert not any(emulator.ticket_exists(ticket) for ticket in tickets)  # every rejection reached Authlete
    assert server.stop() == 0

    connections = after["connections"] - before["connections"]
    with capsys.disabled():
        print(f"\n[load] {len(answers)} requests from {CLIENTS} clients in {elapsed:.2f} s "
              f"({len(answers) / elapsed:.0f}/s), nothing lost; Authlete saw "
              f"{after['requests'] - before['requests']} requests on {connections} new connections")
    assert connections <= 32  # the shared client reuses its connections
