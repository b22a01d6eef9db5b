"""cogtui's benchmark: the product measured side by side with the AWS CLI and bare boto3/PyJWT/pycognito.

    python bench/run.py [--quick] [--users N] [--repeat K] [--json PATH] [--svg PATH]

Starts its own sandbox (a separate process with a large pool), runs each measurement several times and
prints median, min and max next to each target. Ratios measured in the same run are what count.

cogtui's modules are byte-compiled first, as they are after a first run or a ``pip install`` (the AWS
CLI it is compared with is installed compiled); otherwise every start would pay for compiling them.
"""

from __future__ import annotations

import argparse
import compileall
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
        try:
            self.proc.wait(timeout=60)  # a million users take a while to let go of
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


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


def probe_json(*args: str, timeout: float = 300) -> dict:
    out = subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=timeout,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def demo_password(info: dict) -> str:
    return next(u["password"] for u in info["users"] if u["username"] == "alice")


TARGETS = {
    "version_s": "<= 0.15 s",
    "startup_to_pools_s": "<= awscli_list_pools_s",
    "awscli_list_pools_s": "reference (AWS CLI, same pools)",
    "users_first_row_s": "<= 0.3 s",
    "users_all_rows_s": "<= 1.15 x paginator_all_rows_s",
    "paginator_all_rows_s": "reference (bare boto3 paginator)",
    "users_peak_rss_mb": "<= 200 MB",  # set from --users by rss_target_mb
    "users_sort_p95_ms": "<= 200 ms",
    "users_search_p95_ms": "<= 200 ms",
    "users_sort_max_ms": "reference (slowest of 36 sorts)",
    "users_search_max_ms": "reference (slowest of 21 searches)",
    "key_latency_p95_ms_streaming": "<= 50 ms",
    "key_latency_p95_ms_slow_call": "<= 50 ms",
    "verify_per_s": ">= 0.5 x pyjwt_verify_per_s",
    "pyjwt_verify_per_s": "reference (bare PyJWT decode)",
    "srp_signin_s": "<= 1.2 x pycognito_srp_s",
    "pycognito_srp_s": "reference (bare pycognito)",
}


def rss_target_mb(users: int) -> float:
    """Peak memory allowed while listing ``users`` users: 100 MB for the app, plus 300 bytes a user,
    at least 200 MB (10,000 users, the default run) and at most 400 MB (1,000,000 users)."""
    return max(200.0, min(400.0, 100 + users * 300 / 1_000_000))


USERS_MEASURES = (
    "users_first_row_s",
    "users_all_rows_s",
    "users_peak_rss_mb",
    "users_sort_p95_ms",
    "users_search_p95_ms",
    "users_sort_max_ms",
    "users_search_max_ms",
)


def verdicts(m: dict, users: int = 10_000) -> dict[str, str]:
    """Whether each target is met, from the medians."""

    def ok(cond: bool | None) -> str:
        return "n/a" if cond is None else ("met" if cond else "MISSED")

    def get(k: str) -> float | None:
        return m.get(k)

    def both(a: str, b: str, f: Callable[[float, float], bool]) -> bool | None:
        x, y = get(a), get(b)
        return None if x is None or y is None else f(x, y)

    return {
        "version_s": ok(None if get("version_s") is None else get("version_s") <= 0.15),
        "startup_to_pools_s": ok(both("startup_to_pools_s", "awscli_list_pools_s", lambda a, b: a <= b)),
        "users_first_row_s": ok(
            None if get("users_first_row_s") is None else get("users_first_row_s") <= 0.3
        ),
        "users_all_rows_s": ok(both("users_all_rows_s", "paginator_all_rows_s", lambda a, b: a <= 1.15 * b)),
        "users_peak_rss_mb": ok(
            None if get("users_peak_rss_mb") is None else get("users_peak_rss_mb") <= rss_target_mb(users)
        ),
        "users_sort_p95_ms": ok(
            None if get("users_sort_p95_ms") is None else get("users_sort_p95_ms") <= 200
        ),
        "users_search_p95_ms": ok(
            None if get("users_search_p95_ms") is None else get("users_search_p95_ms") <= 200
        ),
        "key_latency_p95_ms_streaming": ok(
            None if get("key_latency_p95_ms_streaming") is None else get("key_latency_p95_ms_streaming") <= 50
        ),
        "key_latency_p95_ms_slow_call": ok(
            None if get("key_latency_p95_ms_slow_call") is None else get("key_latency_p95_ms_slow_call") <= 50
        ),
        "verify_per_s": ok(both("verify_per_s", "pyjwt_verify_per_s", lambda a, b: a >= 0.5 * b)),
        "srp_signin_s": ok(both("srp_signin_s", "pycognito_srp_s", lambda a, b: a <= 1.2 * b)),
    }


def save_svg(lines: list[str], path: Path, title: str) -> None:
    """The printed table as a terminal picture, met in green and missed in red (rich comes with Textual)."""
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=max(len(line) for line in lines) + 2, file=io.StringIO())
    for line in lines:
        text = Text(line)
        text.highlight_regex(r"  met +", style="bold green")  # the padding too: a segment starting
        text.highlight_regex(r"  MISSED +", style="bold red")  # with spaces is drawn short by some viewers
        console.print(text)
    console.save_svg(str(path), title=title)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small pool, one repetition (a smoke run)")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the medians to this file")
    parser.add_argument("--svg", type=Path, help="also save the table as a terminal picture (SVG)")
    args = parser.parse_args()
    users, times = (300, 1) if args.quick else (args.users, args.repeat)
    TARGETS["users_peak_rss_mb"] = f"<= {rss_target_mb(users):.0f} MB"
    listing_timeout = 300 + users / 400  # a million users take minutes on a small (and busy) machine
    compileall.compile_dir(ROOT / "cogtui", quiet=1)

    results: dict[str, list[float]] = {k: [] for k in TARGETS}
    sandbox = Sandbox(users=users)
    slow = Sandbox(latency_ms=1500)
    try:
        pools = len(sandbox.info["pools"])
        large = sandbox.pool_id("demo-large")
        for _ in range(times):  # interleaved, so a busy moment hurts both sides of a ratio alike
            results["version_s"].append(measure_version())
            results["startup_to_pools_s"].append(measure_startup(sandbox.endpoint, pools))
            aws = measure_awscli(sandbox.endpoint)
            if aws is not None:
                results["awscli_list_pools_s"].append(aws)
            results["paginator_all_rows_s"].append(measure_paginator(sandbox.endpoint, large))
            u = probe_json(
                "users", "--endpoint", sandbox.endpoint, "--pool-id", large, timeout=listing_timeout
            )
            for key in USERS_MEASURES:
                results[key].append(u[key])
            k = probe_json(
                "users", "--keys", "--endpoint", sandbox.endpoint, "--pool-id", large, timeout=listing_timeout
            )
            results["key_latency_p95_ms_streaming"].append(k["key_latency_p95_ms_streaming"])
            sc = probe_json("slowcall", "--endpoint", slow.endpoint)
            results["key_latency_p95_ms_slow_call"].append(sc["key_latency_p95_ms_slow_call"])
        sys.path.insert(0, str(ROOT))  # the helpers beside this script, as the package ``bench``
        from bench.signin import bench_srp
        from bench.tokens import bench_verify

        verify = [bench_verify(n=300 if args.quick else 3000, rounds=1) for _ in range(times)]
        results["verify_per_s"] = [v["ours_per_s"] for v in verify]
        results["pyjwt_verify_per_s"] = [v["pyjwt_per_s"] for v in verify]
        app_pool = sandbox.pool_id("demo-app")
        spa = next(
            c["id"]
            for p in sandbox.info["pools"]
            if p["name"] == "demo-app"
            for c in p["clients"]
            if c["name"] == "web-spa"
        )
        srp = bench_srp(
            sandbox.endpoint, app_pool, spa, "alice", demo_password(sandbox.info), n=3 if args.quick else 15
        )
        results["srp_signin_s"] = [srp["engine_ms"]["median"] / 1000]
        results["pycognito_srp_s"] = [srp["pycognito_ms"]["median"] / 1000]
    finally:
        try:
            sandbox.close()
        finally:
            slow.close()

    # A measure that could not be taken in this run (e.g. too few rows to time a sort) is left out.
    results = {k: [x for x in v if x is not None] for k, v in results.items()}
    medians = {k: (statistics.median(v) if v else None) for k, v in results.items()}
    verdict = verdicts(medians, users)
    lines = [f"{'measure':<31}{'median':>10}{'min':>10}{'max':>10}  {'':7}target"]
    for key, values in results.items():
        mark = verdict.get(key, "")
        if values:
            row = f"{statistics.median(values):>10.4g}{min(values):>10.4g}{max(values):>10.4g}"
        else:
            row = f"{'n/a':>10}{'':>10}{'':>10}"
        lines.append(f"{key:<31}{row}  {mark:7}{TARGETS.get(key, '')}")
    print("\n".join(lines))
    if args.svg:
        save_svg(lines, args.svg, f"cogtui benchmark: {users:,} users, {times} repetition(s)")
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
