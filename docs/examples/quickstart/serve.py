"""Serves www/ on 127.0.0.1:PORT, logging every request but actordev's
readiness probes (which come every 200 ms)."""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        if self.headers.get("User-Agent") != "actordev-probe":
            super().log_message(fmt, *args)


port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
handler = functools.partial(Handler, directory="www")
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
    print(f"serving www/ on http://127.0.0.1:{port}/", flush=True)
    server.serve_forever()
