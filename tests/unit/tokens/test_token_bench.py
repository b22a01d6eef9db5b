"""bench_verify() runs both loops and reports comparable numbers (no timing is asserted)."""

from __future__ import annotations

from bench.tokens import bench_verify


def test_bench_verify_shape() -> None:
    result = bench_verify(n=20, rounds=1)
    assert result["valid"] is True and result["n"] == 20
    assert result["ours_per_s"] > 0 and result["pyjwt_per_s"] > 0
    assert result["ratio"] == round(result["ours_per_s"] / result["pyjwt_per_s"], 3)
