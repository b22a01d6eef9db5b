"""Our verdict equals aws-jwt-verify's recorded verdict on every corpus entry (no node needed).

The few documented divergences are asserted too: "stricter" entries are accepted by
aws-jwt-verify and refused here; "paste-cleanup" entries are refused by aws-jwt-verify (raw
string) and accepted here only after a reported cleanup of the pasted text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cogtui.tokens.jwks import StaticJwks
from cogtui.tokens.validation import validate

HERE = Path(__file__).resolve().parent
CORPUS = json.loads((HERE / "corpus.json").read_text())
VERDICTS = json.loads((HERE / "corpus_verdicts.json").read_text())["verdicts"]
ENTRIES = CORPUS["entries"]
SOURCES = {name: StaticJwks.from_json(text, f"JWKS {name}") for name, text in CORPUS["jwks_sets"].items()}


def ours(entry: dict):
    return validate(
        entry["token"],
        jwks=SOURCES[entry["jwks"]],
        issuer=CORPUS["user_pool_id"],
        client_ids=entry["client_id"],
        token_use=entry["token_use"],
        grace_s=entry["grace_seconds"],
        now=entry.get("now", CORPUS["now"]),
    )


def test_corpus_is_substantial_and_recorded() -> None:
    assert len(ENTRIES) >= 40
    assert set(VERDICTS) == {e["id"] for e in ENTRIES}
    valid = sum(v["valid"] for v in VERDICTS.values())
    assert 20 <= valid <= len(ENTRIES) - 40  # both verdicts well represented


@pytest.mark.parametrize("entry", [e for e in ENTRIES if "divergence" not in e], ids=lambda e: e["id"])
def test_same_verdict_as_aws_jwt_verify(entry: dict) -> None:
    report = ours(entry)
    expected = VERDICTS[entry["id"]]
    assert report.valid == expected["valid"], (expected.get("error"), report.summary)
    if not report.valid:
        assert report.failures or report.status("signature") != "pass"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if "divergence" in e], ids=lambda e: e["id"])
def test_documented_divergences(entry: dict) -> None:
    report = ours(entry)
    recorded = VERDICTS[entry["id"]]
    kind = entry["divergence"]["kind"]
    if kind == "stricter":
        assert recorded["valid"] is True and report.valid is False
        assert report.status("jwk") == "fail"
    else:
        assert kind == "paste-cleanup"
        assert recorded["valid"] is False and report.valid is True
        assert report.token.cleanups and report.token.token != entry["token"]


def test_agreement_count() -> None:
    agree = sum(ours(e).valid == VERDICTS[e["id"]]["valid"] for e in ENTRIES)
    divergent = sum("divergence" in e for e in ENTRIES)
    assert agree == len(ENTRIES) - divergent
