"""The token core stays light: importing all of it loads neither Textual nor boto3."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULES = [
    "decode",
    "report",
    "issuers",
    "keys",
    "jwks",
    "checks",
    "validation",
    "glossary",
    "claims",
    "pool_issuer",
    "paste",
    "inspection",
]


def test_core_imports_neither_textual_nor_boto3() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {MODULES!r}: importlib.import_module('cogtui.tokens.' + name)\n"
        "import cogtui.tokens as t; t.validate; t.claim_rows\n"
        "import cogtui.cli.token, bench.tokens  # the token command and its benchmark stay as light\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'boto3', 'botocore')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_lazy_package_exports() -> None:
    import cogtui.tokens as tokens

    assert set(tokens.__all__) == set(tokens._EXPORTS) and set(tokens.__all__) <= set(dir(tokens))
    for name in tokens.__all__:
        assert getattr(tokens, name) is not None
