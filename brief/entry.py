"""The ``brief`` command's entry point: signal handlers first, then the CLI.

SIGINT and SIGTERM, at any moment (also while the heavy libraries are still being
imported), end the run with one line, ``interrupted``, and exit status 130 or 143.
The exception they raise unwinds the stack first, so a brief being written is
abandoned (its temporary file removed) and the previous output stays as it was.
An unexpected error is one line too; ``BRIEF_DEBUG=1`` shows its traceback.
"""

from __future__ import annotations

import os
import signal
import sys


class Interrupted(BaseException):
    """Raised by the signal handlers; a BaseException, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _stop(status: int) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    for stream, text in ((sys.stdout, ""), (sys.stderr, "interrupted\n")):
        try:
            stream.write(text)
            stream.flush()
        except Exception:  # noqa: BLE001, S110 - a closed pipe: nothing left to tell
            pass
    os._exit(status)  # no atexit work (model threads, caches) after an interrupt


def main() -> None:
    signal.signal(signal.SIGINT, _raise)
    signal.signal(signal.SIGTERM, _raise)
    try:
        from brief.cli import app

        app()
    except Interrupted as e:
        _stop(128 + e.signum)
    except KeyboardInterrupt:
        _stop(128 + signal.SIGINT)
    except Exception as e:  # noqa: BLE001 - a bug: one line, not a traceback
        if os.environ.get("BRIEF_DEBUG"):
            raise
        msg = " ".join(str(e).split())[:200]
        sys.stderr.write(f"error: internal error ({type(e).__name__}: {msg}); run with BRIEF_DEBUG=1 for details\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
