"""The benchmark runs end to end (``bench/run.py --quick``) and writes every key; no timing is asserted."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "version_s",
    "startup_to_pools_s",
    "awscli_list_pools_s",
    "users_first_row_s",
    "users_all_rows_s",
    "paginator_all_rows_s",
    "users_peak_rss_mb",
    "key_latency_p95_ms_streaming",
    "key_latency_p95_ms_slow_call",
    "verify_per_s",
    "pyjwt_verify_per_s",
    "srp_signin_s",
    "pycognito_srp_s",
}


def test_quick_benchmark_runs(tmp_path):
    out = tmp_path / "bench.json"
    picture = tmp_path / "bench.svg"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--json",
            str(out),
            "--svg",
            str(picture),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    medians = json.loads(out.read_text())
    assert set(medians) >= KEYS
    for key in KEYS - {"awscli_list_pools_s"}:  # the AWS CLI is optional
        assert isinstance(medians[key], int | float) and medians[key] > 0, key
    assert "target" in done.stdout and "users_all_rows_s" in done.stdout
    svg = picture.read_text().replace("&#160;", " ")
    assert svg.startswith("<svg") and "users_all_rows_s" in svg and "cogtui benchmark" in svg
