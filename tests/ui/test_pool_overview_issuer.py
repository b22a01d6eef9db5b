"""The pool Overview's issuer and JWKS URL come from the same resolution as the token checks: what the
endpoint in use says (its OpenID configuration, or its URL followed by the pool id), never AWS's host
pattern cut out of the pool id."""

from __future__ import annotations

from cogtui.describe.pools import token_rows
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.tokens.pool_issuer import FROM_ENDPOINT, FROM_OPENID, IssuerResolver
from cogtui.widgets.field_list import FieldList
from tests.pilot_wait import wait_for


async def test_overview_names_the_endpoints_issuer_and_jwks(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.push_screen(PoolDetailScreen(pool.id, pool.name))
        screen = app.screen
        await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
        overview = screen.query_one("#overview-fields", FieldList)
        issuer = overview.field("Issuer (iss)")
        assert issuer.value == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
        assert issuer.note == FROM_OPENID  # the sandbox names AWS's host, as moto does
        also = overview.field("Also accepted")
        assert (also.value, also.note) == (f"{info.endpoint_url}/{pool.id}", FROM_ENDPOINT)
        assert overview.field("JWKS URL").value == f"{info.endpoint_url}/{pool.id}/.well-known/jwks.json"


def test_token_rows_for_a_cognito_local_pool_and_for_aws() -> None:
    def fetch(url: str, timeout: float) -> bytes:
        return b'{"issuer": "http://localhost:9229/local_Ab12Cd34"}'

    local = IssuerResolver(fetcher=fetch).resolve("local_Ab12Cd34", "http://127.0.0.1:9329")
    rows = token_rows(None, local)  # the pool model is not consulted once the endpoint has answered
    assert [(row.label, row.value) for row in rows] == [
        ("Issuer (iss)", "http://localhost:9229/local_Ab12Cd34"),
        ("Also accepted", "http://127.0.0.1:9329/local_Ab12Cd34"),
        ("JWKS URL", "http://127.0.0.1:9329/local_Ab12Cd34/.well-known/jwks.json"),
    ]
    aws = IssuerResolver().resolve("eu-west-1_Abc")
    assert [(row.label, row.value, row.note) for row in token_rows(None, aws)] == [
        ("Issuer (iss)", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc", ""),
        ("JWKS URL", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc/.well-known/jwks.json", ""),
    ]
