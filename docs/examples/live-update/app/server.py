"""A small web server: it answers / with handler.greeting()."""
import http.server
import os

import handler


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = b"ok\n"
        else:
            body = (handler.greeting() + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


port = int(os.environ.get("PORT", "8765"))
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
print(f"serving on http://127.0.0.1:{port}", flush=True)
server.serve_forever()
