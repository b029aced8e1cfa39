"""A client application's notification endpoint for tests: a loopback HTTP server that records every POST and
answers with a chosen status (a 302 points at a path of its own, so a followed redirect would show)."""
import http.server
import ssl
import threading


class NotificationListener:
    def __init__(self, status: int = 204, tls: tuple[str, str] | None = None):
        self.status = status
        self.received: list[dict] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                listener.received.append({"path": self.path, "headers": dict(self.headers),
                                          "body": self.rfile.read(length).decode()})
                self.send_response(listener.status)
                if listener.status in (301, 302, 303, 307, 308):
                    self.send_header("Location", f"http://127.0.0.1:{listener.port}/followed")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        scheme = "http"
        if tls:  # (certificate chain file, key file)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.port}/ciba/notify"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
