"""Fetching ``http(s)://`` inputs with a timeout and a size cap (standard library only)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request


class FetchProblem(Exception):
    """The URL could not be fetched; the message is a short human phrase."""


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """(body bytes, content type) of ``url``."""
    req = urllib.request.Request(url, headers={"User-Agent": "brief/0.1 (+situation brief generator)"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http/https only, checked by caller)
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchProblem(f"too large ({int(length)} bytes > limit {max_bytes})")
            data = resp.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchProblem(f"too large (over the limit of {max_bytes} bytes)")
            return data, resp.headers.get("Content-Type", "") or ""
    except FetchProblem:
        raise
    except urllib.error.HTTPError as e:
        raise FetchProblem(f"could not fetch: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, socket.gaierror):
            raise FetchProblem("could not fetch: network unavailable or host unknown") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchProblem(f"could not fetch: timed out after {timeout:g}s") from None
        raise FetchProblem(f"could not fetch: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise FetchProblem(f"could not fetch: timed out after {timeout:g}s") from None
    except (OSError, ValueError) as e:
        raise FetchProblem(f"could not fetch: {e}") from None
