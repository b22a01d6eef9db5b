"""Regenerate screenshots/: ``python -m cogtui.screenshots [--out DIR] [NAME ...]``."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from cogtui.sandbox import SandboxError, start_sandbox
from cogtui.sandbox.clock import pin_dates
from cogtui.screenshots.harness import SCREENSHOT_PORT, shoot
from cogtui.screenshots.scenarios import SCENARIOS


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m cogtui.screenshots", description=__doc__)
    parser.add_argument(
        "--out", default="screenshots", help="folder for the SVG files (default: screenshots)"
    )
    parser.add_argument("names", nargs="*", help="only these scenarios")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        server, info = start_sandbox(port=SCREENSHOT_PORT, large_users=2500)
    except SandboxError:
        server, info = start_sandbox(large_users=2500)
    pin_dates(info.region)
    try:
        for scenario in SCENARIOS:
            if args.names and scenario.name not in args.names:
                continue
            path = asyncio.run(shoot(scenario, info, out))
            print(f"{path}  {scenario.title}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
