"""Architecture rules: the core never imports Textual; tokens never import boto3; --version stays light."""

import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "cogtui.aws.gateway",
    "cogtui.aws.cognito_gateway",
    "cogtui.aws.connection",
    "cogtui.runtime",
    "cogtui.sandbox",
    "cogtui.tokens",
    "cogtui.settings",
    "cogtui.state",
]
ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(imports: str) -> set[str]:
    code = f"import sys\n{imports}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_does_not_import_textual(module):
    assert "textual" not in _loaded_after(f"import {module}")


def test_tokens_does_not_import_boto3():
    mods = _loaded_after("import cogtui.tokens; import cogtui.cli.token; import cogtui.tokens.validation")
    assert "boto3" not in mods and "botocore" not in mods and "textual" not in mods


def test_screens_and_widgets_do_not_import_boto3():
    for folder in ("screens", "widgets"):
        for path in (ROOT / "cogtui" / folder).glob("*.py"):
            text = path.read_text()
            assert "import boto3" not in text and "botocore" not in text, path


def test_version_and_help_are_light():
    mods = _loaded_after("from cogtui.cli.main import build_parser\nbuild_parser()")
    assert not {"textual", "boto3", "botocore", "moto"} & mods
