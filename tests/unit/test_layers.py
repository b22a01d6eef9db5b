"""What the import rules cannot see: the command line's parser and --version load no UI toolkit and no AWS
SDK. Which package may import which is checked by import-linter's contracts in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(imports: str) -> set[str]:
    code = f"import sys\n{imports}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


def test_version_and_help_are_light():
    mods = _loaded_after("from cogtui.cli.main import build_parser\nbuild_parser()")
    assert not {"textual", "boto3", "botocore", "moto"} & mods
