"""Entry point: ``python -m cogtui`` and the ``cogtui`` console script; hands argv to ``cogtui.cli.main``.

Every command ends here, so a reader that stops early (``cogtui token verify ... | head -1``) or a
Ctrl-C is handled once: quietly, with the exit code a shell expects.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader went away


def main(argv: list[str] | None = None) -> int:
    from cogtui.cli.main import run

    try:
        code = run(sys.argv[1:] if argv is None else argv)
        sys.stdout.flush()  # inside the guard: the last buffered lines may meet the closed pipe
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return code


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor behind stdout: nothing left to flush
        pass


if __name__ == "__main__":
    raise SystemExit(main())
