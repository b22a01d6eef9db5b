"""cogtui's benchmark: the product measured side by side with the AWS CLI and bare boto3/PyJWT/pycognito.

    python bench/run.py [--quick] [--users N] [--repeat K] [--json PATH]

Starts its own sandbox (a separate process with a large pool), runs each measurement several times and
prints median, min and max next to each target. Ratios measured in the same run are what count.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "bench" / "probe_app.py"
ENV = {
    **os.environ,
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class Sandbox:
    """``cogtui sandbox --json`` in its own process, so its memory and CPU are not the app's."""

    def __init__(self, users: int = 0, latency_ms: int = 0) -> None:
        cmd = [sys.executable, "-m", "cogtui", "sandbox", "--json", "--sandbox-users", str(users)]
        if latency_ms:
            cmd += ["--sandbox-latency", str(latency_ms)]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=ENV
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line:
            raise SystemExit("the sandbox did not start")
        self.info = json.loads(line)
        self.endpoint = self.info["endpoint_url"]

    def pool_id(self, name: str) -> str:
        return next(p["id"] for p in self.info["pools"] if p["name"] == name)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def repeat(fn: Callable[[], float | None], times: int) -> list[float]:
    values = []
    for _ in range(times):
        value = fn()
        if value is not None:
            values.append(value)
    return values


def measure_version() -> float:
    exe = shutil.which("cogtui")
    cmd = [exe, "--version"] if exe else [sys.executable, "-m", "cogtui", "--version"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def measure_startup(endpoint: str, pools: int) -> float:
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), "startup", "--endpoint", endpoint, "--expect", str(pools)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=ENV,
    )
    out, _ = proc.communicate(timeout=60)
    for line in out.splitlines():
        if line.startswith("POOLS "):
            return float(line.split()[1]) - t0
    raise RuntimeError("the app never showed the pools")


def measure_awscli(endpoint: str) -> float | None:
    aws = shutil.which("aws")
    if not aws:
        return None
    t0 = time.perf_counter()
    subprocess.run(
        [
            aws,
            "cognito-idp",
            "list-user-pools",
            "--max-results",
            "60",
            "--endpoint-url",
            endpoint,
            "--region",
            "us-east-1",
        ],
        check=True,
        capture_output=True,
        env=ENV,
    )
    return time.perf_counter() - t0


def measure_paginator(endpoint: str, pool_id: str) -> float:
    import boto3

    client = boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    t0 = time.perf_counter()
    count = sum(
        len(page["Users"])
        for page in client.get_paginator("list_users").paginate(
            UserPoolId=pool_id, PaginationConfig={"PageSize": 60}
        )
    )
    elapsed = time.perf_counter() - t0
    assert count > 0
    return elapsed


TARGETS = {
    "version_s": "<= 0.15 s",
    "startup_to_pools_s": "<= awscli_list_pools_s",
    "awscli_list_pools_s": "reference",
    "paginator_all_rows_s": "reference",
    "verify_per_s": ">= 0.5 x pyjwt_verify_per_s",
    "pyjwt_verify_per_s": "reference",
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small pool, one repetition (a smoke run)")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the medians to this file")
    args = parser.parse_args()
    users, times = (300, 1) if args.quick else (args.users, args.repeat)

    results: dict[str, list[float]] = {}
    sandbox = Sandbox(users=users)
    try:
        pools = len(sandbox.info["pools"])
        large = sandbox.pool_id("demo-large")
        results["version_s"] = repeat(measure_version, times)
        results["startup_to_pools_s"] = repeat(lambda: measure_startup(sandbox.endpoint, pools), times)
        results["awscli_list_pools_s"] = repeat(lambda: measure_awscli(sandbox.endpoint), times)
        results["paginator_all_rows_s"] = repeat(lambda: measure_paginator(sandbox.endpoint, large), times)
        from cogtui.tokens.bench import bench_verify

        verify = [bench_verify(n=300 if args.quick else 3000, rounds=1) for _ in range(times)]
        results["verify_per_s"] = [v["ours_per_s"] for v in verify]
        results["pyjwt_verify_per_s"] = [v["pyjwt_per_s"] for v in verify]
    finally:
        sandbox.close()

    medians = {k: (statistics.median(v) if v else None) for k, v in results.items()}
    print(f"{'measure':<32}{'median':>12}{'min':>12}{'max':>12}  target")
    for key, values in results.items():
        if values:
            print(
                f"{key:<32}{statistics.median(values):>12.4g}{min(values):>12.4g}{max(values):>12.4g}  {TARGETS.get(key, '')}"
            )
        else:
            print(f"{key:<32}{'n/a':>12}{'':>12}{'':>12}  {TARGETS.get(key, '')}")
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
