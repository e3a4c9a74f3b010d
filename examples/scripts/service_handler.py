"""Embed ``check`` in a service: a WSGI handler that answers with the report as JSON.

POST a declaration's XML to ``/check`` (optionally ``?countries=TR,AZ``); the answer is
the report (200 accepted, 422 rejected, 400 for an unknown country). Run it with the
standard library's server:

    python examples/scripts/service_handler.py 8080
    curl --data-binary @examples/tr-import.xml http://127.0.0.1:8080/check

Nothing is read from disk per request: the schema and the rule packs are compiled once,
on the first check, and reused.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

import single_window as sw

#: Largest request body accepted, in bytes (the reader refuses larger input anyway).
MAX_BODY = 8 * 1024 * 1024

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _answer(start: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def application(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
    """The WSGI entry point."""
    if environ.get("PATH_INFO") != "/check" or environ.get("REQUEST_METHOD") != "POST":
        return _answer(start, "404 Not Found", {"error": "POST a declaration to /check"})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        return _answer(start, "413 Payload Too Large", {"error": f"over {MAX_BODY} bytes"})
    body = environ["wsgi.input"].read(length)
    query = parse_qs(environ.get("QUERY_STRING", ""))
    countries = query["countries"][0].split(",") if "countries" in query else None
    try:
        report = sw.check(body, countries=countries)
    except sw.ConfigurationError as exc:
        return _answer(start, "400 Bad Request", {"error": str(exc)})
    status = "200 OK" if report.verdict is sw.Verdict.ACCEPT else "422 Unprocessable Entity"
    return _answer(start, status, report.to_dict())


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    with make_server("127.0.0.1", port, application) as server:
        print(f"checking declarations on http://127.0.0.1:{port}/check", file=sys.stderr)
        server.serve_forever()
