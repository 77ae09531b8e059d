"""A small web server: it answers / with handler.greeting().

It is built on socketserver rather than http.server, whose imports alone
take about 90 ms: a live update restarts this process, and its start is
part of how long an edit takes to show.
"""
import os
import socketserver

import handler


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        request = self.rfile.readline().decode("latin-1").split()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # the headers: not needed
        path = request[1] if len(request) > 1 else "/"
        body = b"ok\n" if path == "/healthz" else (handler.greeting() + "\n").encode()
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                         b"Connection: close\r\nContent-Length: %d\r\n\r\n"
                         % len(body) + body)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # restart on the same port at once
    daemon_threads = True


port = int(os.environ.get("PORT", "8765"))
with Server(("127.0.0.1", port), Handler) as server:
    print(f"serving on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
