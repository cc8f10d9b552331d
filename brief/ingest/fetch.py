"""Fetching ``http(s)://`` inputs with a total deadline and a size cap (standard library only).

Only the URL the user named is fetched: the opener knows http and https and nothing else
(no ``file:``, ``ftp:`` or ``data:``), redirects may only lead to other http(s) URLs, and the
body is returned as bytes for the readers (which never open anything named inside it).
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request

_CHUNK = 64 * 1024


class FetchProblem(Exception):
    """The URL could not be fetched; the message is a short human phrase."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 10

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib API
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchProblem(f"could not fetch: redirected to a non-http address ({newurl[:60]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), _HttpOnlyRedirects(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _one_line(text: object, limit: int = 100) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def _set_timeout(resp: object, seconds: float) -> None:
    """Bound the next socket operation of ``resp`` by the time left (best effort)."""
    raw = getattr(getattr(resp, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    if sock is not None:
        try:
            sock.settimeout(max(0.05, seconds))
        except OSError:
            pass


def _read_body(resp: object, *, deadline: float, total: float, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchProblem(f"could not fetch: no complete response within {total:g}s")
        _set_timeout(resp, left)
        try:
            chunk = resp.read1(_CHUNK)  # type: ignore[attr-defined]  # at most one read from the socket
        except (socket.timeout, TimeoutError):
            raise FetchProblem(f"could not fetch: no complete response within {total:g}s") from None
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise FetchProblem(f"too large (over the limit of {max_bytes} bytes)")
        parts.append(chunk)


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """(body bytes, content type) of ``url``.

    ``timeout`` bounds the whole exchange (connect, headers and body together), not only each
    socket operation, so a server that trickles bytes cannot hold the run: the exchange runs in a
    worker thread that is abandoned (it stops at its next socket operation) once the time is up.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise FetchProblem("could not fetch: only http and https addresses are fetched")
    result: list[tuple[bytes, str]] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(_fetch(url, timeout=timeout, max_bytes=max_bytes))
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            failure.append(e)

    worker = threading.Thread(target=work, name="brief-fetch", daemon=True)
    worker.start()
    worker.join(timeout + 1.0)
    if failure:
        raise failure[0]
    if not result:
        raise FetchProblem(f"could not fetch: no complete response within {timeout:g}s")
    return result[0]


def _fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    deadline = time.monotonic() + timeout
    req = urllib.request.Request(url, headers={"User-Agent": "brief/0.1 (+situation brief generator)"})
    try:
        with _opener().open(req, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchProblem(f"too large ({int(length)} bytes > limit {max_bytes})")
            data = _read_body(resp, deadline=deadline, total=timeout, max_bytes=max_bytes)
            return data, resp.headers.get("Content-Type", "") or ""
    except FetchProblem:
        raise
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303, 307, 308):
            raise FetchProblem(f"could not fetch: too many redirects (HTTP {e.code})") from None
        raise FetchProblem(_one_line(f"could not fetch: HTTP {e.code} {e.reason}")) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, socket.gaierror):
            raise FetchProblem("could not fetch: network unavailable or host unknown") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchProblem(f"could not fetch: timed out after {timeout:g}s") from None
        raise FetchProblem(_one_line(f"could not fetch: {reason}")) from None
    except (socket.timeout, TimeoutError):
        raise FetchProblem(f"could not fetch: timed out after {timeout:g}s") from None
    except Exception as e:  # http.client raises many kinds on broken responses
        raise FetchProblem(_one_line(f"could not fetch: {type(e).__name__}: {e}")) from None
