"""`cogtui sandbox` says where the outbox is, in its text and in --json; the file holds what was delivered."""

from __future__ import annotations

import json
import os

from cogtui.sandbox.foreground import usage_hint_lines
from cogtui.sandbox.strict import strict_state


def test_the_sandbox_description_names_the_outbox(sandbox):
    _, info = sandbox
    path = str(strict_state().outbox.path)
    assert info.outbox_path == path and os.path.isdir(os.path.dirname(path))
    assert json.loads(json.dumps(info.to_json_dict()))["outbox"] == path
    assert f"Outbox (codes):   {path}" in info.describe_lines()
    assert f"  tail -f {path}" in usage_hint_lines(info, 0)
