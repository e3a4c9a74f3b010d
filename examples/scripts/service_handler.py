"""Embed ``check`` in a service: a WSGI handler that answers with the report as JSON.

POST a declaration's XML to ``/check``; the answer is the report (``200`` accepted,
``422`` rejected). Query parameters:

- ``countries=TR,AZ``: the packs to run (default: the countries on the declaration; an
  empty value runs only the country-neutral rules, as ``--countries ""`` does);
- ``on=2025-01-31``: judge dated rules and code lists as of this date;
- ``lang=kk``: the language of the report's texts (``kk``, ``ka``, ``tr``, ...); without
  it, the first language of the request's ``Accept-Language`` header the library speaks,
  else English. Rule ids, codes and paths are the same in every language.

A request the service cannot take gets a ``4xx`` and a JSON ``{"error": ...}``, never a
crash: another path (``404``), another method than POST (``405``), a body that is not
XML by its ``Content-Type`` (``415``), no ``Content-Length`` (``411``), a
``Content-Length`` that is not a whole number of bytes, an empty body or a body shorter
than announced, an unknown query parameter, an unknown country, a date that is not
``YYYY-MM-DD`` or a language the library has no messages in (``400``), a body over
:data:`MAX_BODY` (``413``, not read). Run it with the standard library's server::

    python examples/scripts/service_handler.py 8080
    curl -H 'Content-Type: application/xml' --data-binary @examples/tr-import.xml \\
        'http://127.0.0.1:8080/check?on=2026-11-10'

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
#: The media types a declaration may be sent as; any ``...+xml`` type too. A request
#: without a ``Content-Type`` is read as XML.
XML_TYPES = ("application/xml", "text/xml")
#: The query parameters the service takes.
PARAMETERS = ("countries", "on", "lang")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class BadRequest(Exception):
    """A request the service cannot take: its HTTP status and what to tell the client."""

    def __init__(self, status: str, error: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.headers = list(headers)


def _answer(
    start: StartResponse,
    status: str,
    payload: dict[str, Any],
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    start(
        status,
        [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *headers,
        ],
    )
    return [body]


def _length(environ: dict[str, Any]) -> int:
    """The body's length as the client announced it."""
    text = environ.get("CONTENT_LENGTH")
    if text is None or not text.strip():
        raise BadRequest("411 Length Required", "send the declaration with a Content-Length")
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        raise BadRequest("400 Bad Request", f"Content-Length {text!r} is not a number of bytes")
    length = int(text)
    if length == 0:
        raise BadRequest("400 Bad Request", "the request has no body: POST a declaration")
    if length > MAX_BODY:
        raise BadRequest("413 Content Too Large", f"the body is over {MAX_BODY} bytes")
    return length


def _media_type(environ: dict[str, Any]) -> None:
    given = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if given and given not in XML_TYPES and not given.endswith("+xml"):
        raise BadRequest(
            "415 Unsupported Media Type",
            f"Content-Type {given!r} is not XML: send {' or '.join(XML_TYPES)}",
        )


def _options(environ: dict[str, Any]) -> dict[str, Any]:
    """``check``'s keyword arguments from the query string."""
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    unknown = sorted(set(query) - set(PARAMETERS))
    if unknown:
        raise BadRequest(
            "400 Bad Request",
            f"unknown query parameter {unknown[0]!r}; the service takes {', '.join(PARAMETERS)}",
        )
    repeated = sorted(name for name, values in query.items() if len(values) > 1)
    if repeated:
        raise BadRequest("400 Bad Request", f"query parameter {repeated[0]!r} is given twice")
    options: dict[str, Any] = {}
    if "countries" in query:
        options["countries"] = [c.strip() for c in query["countries"][0].split(",") if c.strip()]
    if "on" in query:
        options["on"] = query["on"][0]
    if "lang" in query:
        options["lang"] = query["lang"][0]
    else:
        options["lang"] = _accepted_language(environ.get("HTTP_ACCEPT_LANGUAGE", ""))
    return options


def _accepted_language(header: str) -> str:
    """The language of an ``Accept-Language`` header the library speaks, preferring the
    highest ``q`` (then the order given); English when it names none."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag.strip()))
    spoken = sw.languages()
    for _, _, tag in sorted(ranked):
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in spoken:
            return primary
    return "en"


def _body(environ: dict[str, Any], length: int) -> bytes:
    body: bytes = environ["wsgi.input"].read(length)
    if len(body) < length:
        raise BadRequest(
            "400 Bad Request", f"the body has {len(body)} bytes, not the {length} announced"
        )
    return body


def application(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
    """The WSGI entry point."""
    try:
        if environ.get("PATH_INFO") != "/check":
            raise BadRequest("404 Not Found", "POST a declaration to /check")
        if environ.get("REQUEST_METHOD") != "POST":
            raise BadRequest(
                "405 Method Not Allowed", "POST a declaration to /check", [("Allow", "POST")]
            )
        _media_type(environ)
        length = _length(environ)
        options = _options(environ)
        body = _body(environ, length)
        try:
            report = sw.check(body, **options)
        except sw.ConfigurationError as exc:  # an unknown country
            raise BadRequest("400 Bad Request", str(exc)) from None
        except ValueError as exc:  # ``on`` that is not an ISO date, an unknown ``lang``
            raise BadRequest("400 Bad Request", str(exc)) from None
    except BadRequest as bad:
        return _answer(start, bad.status, {"error": bad.error}, bad.headers)
    status = "200 OK" if report.verdict is sw.Verdict.ACCEPT else "422 Unprocessable Content"
    return _answer(start, status, report.to_dict())


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    with make_server("127.0.0.1", port, application) as server:
        print(f"checking declarations on http://127.0.0.1:{port}/check", file=sys.stderr)
        server.serve_forever()
