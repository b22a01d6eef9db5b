"""The sign-in engine is core: no Textual, and no boto3 client of its own (every call goes through the gateway)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
AUTH = ROOT / "cogtui" / "auth"


def test_auth_modules_do_not_import_textual():
    modules = sorted(f"cogtui.auth.{p.stem}" for p in AUTH.glob("*.py") if p.stem != "__init__")
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_auth_never_builds_aws_clients_or_imports_the_sandbox_outside_the_benchmark():
    for path in AUTH.glob("*.py"):
        text = path.read_text()
        assert "import boto3" not in text and "boto3.client" not in text and ".create_client(" not in text, (
            path
        )
        if path.stem != "bench":
            assert "cogtui.sandbox" not in text, path
