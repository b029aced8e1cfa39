"""A TLS-terminating proxy on 127.0.0.1 for the packaging tests: https in front of the emulator's http, with a
certificate of the test's own CA. Prints the emulator's kind of listening line on stdout; stops on SIGTERM.
usage: python3 tls_proxy.py CERT KEY TARGET_PORT"""
import json
import signal
import socket
import ssl
import sys
import threading


def pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client: socket.socket, context: ssl.SSLContext, target_port: int) -> None:
    try:
        secure = context.wrap_socket(client, server_side=True)
    except (ssl.SSLError, OSError):
        client.close()  # e.g. a client that refused our certificate
        return
    upstream = socket.create_connection(("127.0.0.1", target_port), timeout=30)
    threading.Thread(target=pump, args=(upstream, secure), daemon=True).start()
    pump(secure, upstream)


def main() -> None:
    cert, key, target_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"event": "listening", "host": "127.0.0.1", "port": listener.getsockname()[1]}), flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client, context, target_port), daemon=True).start()


if __name__ == "__main__":
    main()
