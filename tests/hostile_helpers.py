"""Helpers of the hostile-input tests: a local HTTP listener that records every request, and
small articles written for these tests."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from brief.config import BriefConfig
from brief.ingest import load_inputs
from brief.model import InputProblem

GOOD_ARTICLE = """---
title: Ferry service resumes after storm
outlet: Coastal Gazette
date: 2024-05-14
---
Ferry crossings between the two islands resumed on Tuesday after a storm closed the harbour for three days.
The operator said 14 sailings were cancelled and about 2,300 passengers were affected.
Harbour master Lena Okafor said the breakwater was inspected overnight and found sound.
"""

SECOND_ARTICLE = """---
title: Island council approves harbour repairs
outlet: Island Post
date: 2024-05-16
---
The island council approved a repair budget for the harbour on Thursday, two days after ferries resumed.
Councillors voted 9 to 2 for the plan, which covers the breakwater lights and a damaged pier.
Work is due to start in June, the council's engineer said.
"""


class Listener:
    """An HTTP server on 127.0.0.1 that records request paths and answers from ``routes``.

    A route value is (status, headers, body) or a callable(handler) that writes the answer itself.
    """

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.routes: dict[str, object] = {}
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                listener.requests.append(self.path)
                route = listener.routes.get(self.path.split("?", 1)[0])
                if callable(route):
                    route(self)
                    return
                status, headers, body = route if route else (404, {}, b"not here")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def trickle(handler: BaseHTTPRequestHandler, seconds: float = 30.0) -> None:
    """Answer 200 and then send one byte every 0.2 s (a body that never completes in time)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    _drip(handler, seconds)


def _drip(handler: BaseHTTPRequestHandler, seconds: float) -> None:
    """Send one byte every 0.2 s for ``seconds`` (until the client hangs up)."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass


def read(inputs: list[str | Path], **cfg: object) -> tuple[list, list[InputProblem]]:
    """(documents, problems) of load_inputs over ``inputs``."""
    problems: list[InputProblem] = []
    docs = load_inputs([str(i) for i in inputs], config=BriefConfig(**cfg), on_problem=problems.append,
                       progress=lambda *a: None)
    return docs, problems


def problem_for(problems: list[InputProblem], name: str | Path) -> InputProblem:
    found = [p for p in problems if p.path == str(name)]
    assert len(found) == 1, f"expected one line for {name}, got {problems}"
    return found[0]


def trickle_headers(handler: BaseHTTPRequestHandler, seconds: float = 30.0) -> None:
    """Start an answer and send its header one byte every 0.2 s (headers that never end in time)."""
    try:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    except OSError:
        return
    _drip(handler, seconds)
