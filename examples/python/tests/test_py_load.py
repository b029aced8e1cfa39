"""server_example.py under load: 4 concurrent clients x 250 complete flows, as for the C server: nothing lost, every
notification received once."""
from __future__ import annotations

import flow_support as flows
from testing_support import PYTHON_DIR, USERS, authlete_env, python_command

CLIENTS, PER_CLIENT = 4, 250


def test_four_clients_one_thousand_flows(emulator, launcher, capsys):
    from ciba_client import NotificationListener

    service = emulator.new_service()
    with NotificationListener() as listener:
        listener.expect(flows.NOTIFY_TOKEN)
        flows.register_clients(emulator, service, listener.url)
        server = launcher.start(python_command(str(PYTHON_DIR / "server_example.py"), "--port", "0", "--users",
                                               str(USERS), "--service-id", service["id"]),
                                authlete_env(emulator.base_url, service))
        elapsed, done = flows.run_flows(server, listener, CLIENTS, PER_CLIENT)
        assert server.stop() == 0
    with capsys.disabled():
        print(f"\n[load] Python server: {len(done)} complete flows from {CLIENTS} clients in {elapsed:.2f} s "
              f"({len(done) / elapsed:.0f} flows/s), nothing lost, every notification received once")
