"""Probes the benchmark runs in their own process: the real app, headless, on a given endpoint.

``startup``: prints ``POOLS <epoch seconds>`` as soon as the pools table holds ``--expect`` rows, then exits.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def startup(endpoint: str, expect: int) -> int:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    from cogtui.app import make_app
    from cogtui.settings import Settings

    app = make_app(Settings(endpoint_url=endpoint, region="us-east-1"))

    def check() -> None:
        try:
            table = app.screen.query_one("#pools-table")
        except Exception:
            return
        if table.row_count >= expect:
            print(f"POOLS {time.time():.6f}", flush=True)
            app.exit()

    app.call_later(lambda: app.set_interval(0.005, check))
    app.run(headless=True, size=(120, 36))
    app.runtime.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("probe", choices=["startup"])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--expect", type=int, default=1)
    args = parser.parse_args()
    return startup(args.endpoint, args.expect)


if __name__ == "__main__":
    sys.exit(main())
