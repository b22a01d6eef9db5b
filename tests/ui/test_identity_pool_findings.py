"""The identity pool detail screen on the test's own identity pool: role rules read as sentences, the
Findings tab (f) with the trust-policy checks, and s back to the settings."""

from __future__ import annotations

from textual.widgets import TabbedContent

from cogtui.screens.identity_pools import IdentityPoolDetailScreen
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.findings_view import FindingsView
from tests.contract.test_identity_pool_review import Setup
from tests.pilot_wait import wait_for

SIZE = (120, 36)


async def test_rules_read_as_sentences_and_the_findings_tab(make_sandbox_app, sandbox):
    _, info = sandbox
    setup = Setup(info.endpoint_url)
    setup.set_roles()
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        detail = IdentityPoolDetailScreen(setup.id, "own")
        await app.push_screen(detail)
        await wait_for(pilot, lambda: detail.findings_ready, "the findings")
        fields = detail.query_one("#ipool-fields", FieldList)
        assert fields.field("Mapping for").value == f"{setup.provider} (app client {setup.client_id})"
        assert fields.field("Mapping for").note == "rules, first match wins"
        admins = setup.roles["admins"].rsplit("/", 1)[-1]
        gone = setup.roles["gone"].rsplit("/", 1)[-1]
        assert fields.field("  1").value == f'if custom:tenant equals "acme" → role {admins}'
        assert fields.field("  2").value == f'else if custom:plan equals "gold" → role {gone}'
        assert fields.field("  otherwise").value == "no credentials (Deny: NotAuthorizedException)"
        assert not any("RoleARN" in f.value for f in fields.fields)  # no raw JSON left
        assert "3 trust policies checked, 1 not checked" in str(detail.status.render())

        tabs = detail.query_one(TabbedContent)
        assert tabs.active == "ipool-settings"
        await pilot.press("f")
        view = detail.query_one("#ipool-findings", FindingsView)
        assert tabs.active == "ipool-findings-tab" and view.has_focus
        assert set(view.codes) == Setup.FINDINGS
        assert view.codes[0] in {
            "identity.trust_wrong_amr",
            "identity.trust_other_pool",
            "identity.role_missing",
        }
        await pilot.press("s")
        assert tabs.active == "ipool-settings" and fields.has_focus
