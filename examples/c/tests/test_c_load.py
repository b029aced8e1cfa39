"""backchannel-server under load: 4 concurrent clients x 250 complete flows (request, 200 with auth_req_id, the
device's decision, the ping/push notification) = 1,000 flows, nothing lost, every notification received once."""
from __future__ import annotations

import flow_support as flows
from testing_support import USERS, authlete_env

CLIENTS, PER_CLIENT = 4, 250


def test_four_clients_one_thousand_flows(emulator, launcher, c_build, capsys):
    from ciba_client import NotificationListener

    service = emulator.new_service()
    with NotificationListener() as listener:
        listener.expect(flows.NOTIFY_TOKEN)
        flows.register_clients(emulator, service, listener.url)
        server = launcher.start([str(c_build / "backchannel-server"), "--port", "0", "--users", str(USERS),
                                 "--service-id", service["id"]], authlete_env(emulator.base_url, service))
        before = emulator.stats()
        elapsed, done = flows.run_flows(server, listener, CLIENTS, PER_CLIENT)
        after = emulator.stats()
        assert server.stop() == 0
    calls = {name: after["byEndpoint"][name] - before["byEndpoint"][name] for name in after["byEndpoint"]}
    # Each flow made exactly its three Authlete calls: nothing retried, nothing lost.
    assert calls == {"authentication": len(done), "issue": len(done), "fail": 0, "complete": len(done)}
    notified = sum(len(listener.received.get(auth_req_id, [])) for auth_req_id in done)
    connections = after["connections"] - before["connections"]
    with capsys.disabled():
        print(f"\n[load] C server: {len(done)} complete flows from {CLIENTS} clients in {elapsed:.2f} s "
              f"({len(done) / elapsed:.0f} flows/s), {notified} notifications each received once; Authlete saw "
              f"{after['requests'] - before['requests']} calls on {connections} new connections")
    assert connections <= 32  # the shared client reuses its connections
