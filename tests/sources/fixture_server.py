"""A local HTTP server (127.0.0.1, a free port) that replays recorded answers and injects faults.

Routes are keyed by path and query (the ``api_key`` parameter left out, as a real cache
would); each route may carry a queue of faults served before its answer: an HTTP status
with headers (503 + Retry-After, 429), a stall longer than the client's timeout, a body cut
short of its Content-Length, or a malformed page with status 200.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

IGNORED_PARAMS = {"api_key"}


def route_key(path: str, query: str | dict) -> tuple:
    pairs = (
        parse_qsl(query, keep_blank_values=True)
        if isinstance(query, str)
        else [(k, str(v)) for k, v in query.items() if v is not None]
    )
    return path, tuple(sorted((k, v) for k, v in pairs if k not in IGNORED_PARAMS))


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    content_type: str = "text/xml; charset=utf-8"


@dataclass
class Fault:
    """``kind``: status (with ``status``/``headers``), stall (``seconds``), truncate, malformed."""

    kind: str
    status: int = 503
    headers: dict = field(default_factory=dict)
    seconds: float = 1.0


class FixtureServer:
    def __init__(self):
        self.routes: dict[tuple, Reply] = {}
        self.faults: dict[tuple, deque] = defaultdict(deque)
        self.requests: list[str] = []  # raw paths with query, api_key included
        self.served: list[tuple] = []  # (route key, what was served)
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                key = route_key(parts.path, parts.query)
                with server._lock:
                    server.requests.append(self.path)
                    fault = server.faults[key].popleft() if server.faults[key] else None
                    reply = server.routes.get(key)
                    server.served.append((key, fault.kind if fault else "reply"))
                if fault is not None:
                    return self._fault(fault, reply)
                if reply is None:
                    return self._send(404, b'{"error": "not found"}', {}, "application/json")
                return self._send(reply.status, reply.body, reply.headers, reply.content_type)

            def _send(self, status, body, headers, content_type, declared=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body) if declared is None else declared))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _fault(self, fault: Fault, reply: Reply | None):
                body = reply.body if reply is not None else b"<x/>" * 100
                try:
                    if fault.kind == "status":
                        self._send(
                            fault.status, b"busy, come back later", fault.headers, "text/plain"
                        )
                    elif fault.kind == "stall":
                        time.sleep(fault.seconds)
                        self.close_connection = True
                        self._send(200, body, {}, "text/xml")
                    elif fault.kind == "truncate":
                        self.close_connection = True
                        self._send(200, body[: len(body) // 2], {}, "text/xml", declared=len(body))
                    elif fault.kind == "malformed":
                        self._send(200, body[: len(body) // 2] + b"</broken>", {}, "text/xml")
                    else:
                        raise ValueError(fault.kind)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # A short poll so that stopping the server at a test's end is quick.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, path: str, query: str | dict, reply: Reply) -> tuple:
        key = route_key(path, query)
        self.routes[key] = reply
        return key

    def inject(self, key: tuple, *faults: Fault) -> None:
        self.faults[key].extend(faults)

    def count(self, key: tuple, kind: str = "reply") -> int:
        return sum(1 for k, served in self.served if k == key and served == kind)

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
