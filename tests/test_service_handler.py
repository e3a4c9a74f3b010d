"""The example HTTP service (examples/scripts/service_handler.py) answers every request
with JSON: the report for a declaration, a 4xx and an error for a request it cannot
take, never a crash. Tested through the WSGI callable (under ``wsgiref.validate``, which
checks that the handler keeps to WSGI) and through a real server on localhost."""

from __future__ import annotations

import http.client
import io
import json
import socket
import sys
import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from conftest import EXAMPLES

sys.path.insert(0, str(EXAMPLES / "scripts"))
import service_handler

ACCEPTED = (EXAMPLES / "tr-import.xml").read_bytes()
REJECTED = (EXAMPLES / "faults" / "tr-import-hs-length.xml").read_bytes()
XML = "application/xml"


def call(
    body: bytes = ACCEPTED,
    *,
    query: str = "",
    path: str = "/check",
    method: str = "POST",
    content_type: str | None = XML,
    length: str | None = "",
    checked: bool = True,
    accept_language: str | None = None,
) -> tuple[int, dict[str, str], dict[str, Any]]:
    """One request to the WSGI callable: the status code, headers and the JSON answer.

    ``length`` "" sends the body's own length, None no Content-Length at all. With
    ``checked``, ``wsgiref.validate`` checks the call; it also refuses a malformed
    ``CONTENT_LENGTH`` in the environ, which a server passes on as the client sent it.
    """
    seen: dict[str, Any] = {}

    def start(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> Any:
        seen["status"], seen["headers"] = status, dict(headers)
        return lambda data: None

    environ: dict[str, Any] = {
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
    }
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if accept_language is not None:
        environ["HTTP_ACCEPT_LANGUAGE"] = accept_language
    if length is not None:
        environ["CONTENT_LENGTH"] = str(len(body)) if length == "" else length
    setup_testing_defaults(environ)
    app = validator(service_handler.application) if checked else service_handler.application
    result = app(environ, start)
    try:
        data = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    assert seen["headers"]["Content-Type"].startswith("application/json")
    assert seen["headers"]["Content-Length"] == str(len(data))
    return int(seen["status"].split()[0]), seen["headers"], json.loads(data)


# --- declarations ------------------------------------------------------------------------------


def test_an_accepted_declaration_is_answered_with_its_report() -> None:
    status, _, report = call(ACCEPTED)
    assert status == 200
    assert report["verdict"] == "accept"
    assert report["countries"]["TR"]["verdict"] == "accept"


def test_a_rejected_declaration_is_answered_with_422_and_its_findings() -> None:
    status, _, report = call(REJECTED)
    assert status == 422
    assert [f["rule"] for f in report["findings"]] == ["TR-HS-LENGTH"]


def test_a_document_that_is_not_xml_is_a_rejected_report_not_an_error() -> None:
    status, _, report = call(b"<Declaration")
    assert status == 422
    assert report["findings"][0]["rule"] == "XML-SYNTAX"


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/xml",
        "application/xml; charset=utf-8",
        "application/vnd.wco+xml",
        "APPLICATION/XML",
    ],
)
def test_xml_is_taken_under_any_xml_media_type_or_none(content_type: str | None) -> None:
    assert call(ACCEPTED, content_type=content_type)[0] == 200


def test_countries_name_the_packs_to_run() -> None:
    _, _, both = call(REJECTED)
    assert set(both["countries"]) == {"TR", "UZ"}
    status, _, uz = call(REJECTED, query="countries=UZ")
    assert (status, list(uz["countries"]), uz["findings"]) == (200, ["UZ"], [])
    status, _, none = call(REJECTED, query="countries=")
    assert (status, none["countries"], none["packs"]) == (200, {}, ["baseline"])
    assert call(REJECTED, query="countries=%20tr%20,uz")[2]["packs"] == ["baseline", "TR", "UZ"]


def test_on_judges_the_declaration_as_of_a_date() -> None:
    transit = (EXAMPLES / "tr-ge-t1.xml").read_bytes()
    assert call(transit)[0] == 200
    # Georgia joined common transit on 1 Feb 2025: a T1 to Georgia judged before then
    status, _, report = call(transit, query="on=2025-01-31")
    assert status == 422
    assert "TRANSIT-CTC-COUNTRIES" in {f["rule"] for f in report["findings"]}
    assert call(transit, query="on=2025-02-01")[0] == 200


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [
        ("", None, "en"),
        ("lang=kk", None, "kk"),
        ("lang=ka-GE", "kk", "ka"),  # the query parameter wins
        ("", "ka-GE,ka;q=0.9,en;q=0.5", "ka"),
        ("", "fr;q=1, kk;q=0.8, ka;q=0.9", "ka"),  # by q, skipping what it does not speak
        ("", "fr, de", "en"),
        ("", "kk;q=0", "en"),
        ("", "*", "en"),
    ],
)
def test_the_report_is_in_the_language_asked_for(query: str, accept: str | None, lang: str) -> None:
    status, _, report = call(REJECTED, query=query, accept_language=accept)
    assert status == 422
    assert report["lang"] == lang
    # the same finding in every language: rule id, path and value do not change
    english = call(REJECTED)[2]["findings"]
    keys = [(f["rule"], f["path"], f["value"]) for f in report["findings"]]
    assert keys == [(f["rule"], f["path"], f["value"]) for f in english]
    if lang != "en":
        assert [f["message"] for f in report["findings"]] != [f["message"] for f in english]


# --- requests it cannot take -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "status"),
    [
        ("abc", 400),
        ("-5", 400),
        ("+5", 400),
        ("1.5", 400),
        ("٣", 400),  # a digit, but not an ASCII one
        ("0", 400),
        ("   ", 411),
        (None, 411),
        (str(service_handler.MAX_BODY + 1), 413),
        ("99999999999999999999999999", 413),
    ],
)
def test_a_content_length_that_is_not_a_fitting_number_of_bytes_is_refused(
    length: str | None, status: int
) -> None:
    got, _, answer = call(ACCEPTED, length=length, checked=False)
    assert got == status
    assert set(answer) == {"error"} and answer["error"]


def test_a_body_shorter_than_announced_is_refused() -> None:
    status, _, answer = call(ACCEPTED, length=str(len(ACCEPTED) + 10))
    assert status == 400 and "error" in answer


def test_an_empty_body_is_refused() -> None:
    status, _, answer = call(b"")
    assert status == 400 and "error" in answer


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])
def test_another_method_than_post_is_refused_with_the_allowed_one(method: str) -> None:
    status, headers, answer = call(method=method)
    assert (status, headers["Allow"]) == (405, "POST")
    assert "error" in answer


def test_another_path_is_not_found() -> None:
    status, _, answer = call(path="/other")
    assert status == 404 and "error" in answer


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "application/x-www-form-urlencoded"]
)
def test_a_body_that_is_not_xml_by_its_media_type_is_refused(content_type: str) -> None:
    status, _, answer = call(ACCEPTED, content_type=content_type)
    assert status == 415 and "error" in answer


@pytest.mark.parametrize(
    "query",
    [
        "countries=XX",
        "countries=TR,123",
        "on=2025-13-01",
        "on=yesterday",
        "on=",
        "lang=xx",
        "lang=",
        "lang=kk&lang=ka",
        "country=TR",
        "countries=TR&countries=AZ",
    ],
)
def test_bad_query_parameters_are_refused(query: str) -> None:
    status, _, answer = call(ACCEPTED, query=query)
    assert status == 400
    assert set(answer) == {"error"} and answer["error"]


# --- a real server -----------------------------------------------------------------------------


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    """The service on a free localhost port, served from a thread."""
    httpd: WSGIServer = make_server(
        "127.0.0.1", 0, service_handler.application, handler_class=_Quiet
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", httpd.server_port
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def request(
    server: tuple[str, int],
    body: bytes,
    *,
    method: str = "POST",
    target: str = "/check",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    """A request as a client sends it, headers as given (Content-Length included)."""
    conn = http.client.HTTPConnection(*server, timeout=60)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders(body or None)
        response = conn.getresponse()
        data = response.read()
        assert response.getheader("Content-Type", "").startswith("application/json")
        return response.status, json.loads(data)
    finally:
        conn.close()


def test_the_server_answers_declarations_with_reports(server: tuple[str, int]) -> None:
    for body, expected in ((ACCEPTED, 200), (REJECTED, 422)):
        headers = {"Content-Type": XML, "Content-Length": str(len(body))}
        status, report = request(server, body, headers=headers)
        assert status == expected
        assert report["verdict"] == ("accept" if expected == 200 else "reject")
    headers = {"Content-Type": XML, "Content-Length": str(len(ACCEPTED))}
    status, report = request(
        server, ACCEPTED, target="/check?countries=UZ&on=2026-11-10", headers=headers
    )
    assert (status, list(report["countries"])) == (200, ["UZ"])


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": XML, "Content-Length": "abc"}, 400),
        ({"Content-Type": XML, "Content-Length": "-1"}, 400),
        ({"Content-Type": XML}, 411),
        ({"Content-Type": XML, "Content-Length": str(10**9)}, 413),
        ({"Content-Type": "application/json", "Content-Length": str(len(ACCEPTED))}, 415),
    ],
)
def test_the_server_answers_bad_requests_with_a_4xx(
    server: tuple[str, int], headers: dict[str, str], status: int
) -> None:
    got, answer = request(server, ACCEPTED, headers=headers)
    assert got == status
    assert set(answer) == {"error"}


def test_the_server_refuses_other_methods_and_paths(server: tuple[str, int]) -> None:
    assert request(server, b"", method="GET")[0] == 405
    assert request(server, b"", method="GET", target="/")[0] == 404


def test_the_server_goes_on_after_a_client_that_sends_less_than_it_announced(
    server: tuple[str, int],
) -> None:
    with socket.create_connection(server, timeout=30) as raw:
        raw.sendall(
            b"POST /check HTTP/1.0\r\nContent-Type: application/xml\r\n"
            b"Content-Length: 5000\r\n\r\n<Declaration"
        )
        raw.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head, _, data = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == b"400"
    assert "error" in json.loads(data)
    headers = {"Content-Type": XML, "Content-Length": str(len(ACCEPTED))}
    assert request(server, ACCEPTED, headers=headers)[0] == 200
