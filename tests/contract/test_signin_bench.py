"""The SRP benchmark runs both ways against the sandbox and reports comparable numbers."""

from bench.signin import bench_srp
from cogtui.sandbox import DEMO_PASSWORD


def test_bench_srp_measures_engine_and_pycognito(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    result = bench_srp(info.endpoint_url, pool.id, pool.client("web-spa").id, "alice", DEMO_PASSWORD, n=2)
    assert result["n"] == 2
    for key in ("engine_ms", "pycognito_ms"):
        stats = result[key]
        assert 0 < stats["min"] <= stats["median"] <= stats["max"]
    assert result["ratio"] > 0
