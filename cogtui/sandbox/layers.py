"""The sandbox's behaviour in front of moto, in one place: patches of moto's backends, then WSGI layers.

``wrap(app)`` installs the narrow patches (two of moto's repeated costs paid once, AWS-shaped pool ids, per-pool signing keys, O(page) listings) and wraps moto's
WSGI app in the layers that answer what moto lacks or gets wrong: the OAuth 2.0 endpoints, per-pool
JWKS and discovery documents, token revocation, identity-pool checks and paginated listings.
"""

from __future__ import annotations

from cogtui.sandbox.awsjson import WSGIApp


def wrap(app: WSGIApp) -> WSGIApp:
    """moto's app with the sandbox's layers in front (the outermost sees each request first)."""
    from cogtui.sandbox import ids, keys, listing, moto_costs
    from cogtui.sandbox.identity_pools import IdentityPoolLayer
    from cogtui.sandbox.oauth import OAuthLayer
    from cogtui.sandbox.revocation import RevocationLayer

    moto_costs.install()
    ids.install()
    keys.install()
    listing.install()
    layered: WSGIApp = app
    for layer in (listing.ListingLayer, RevocationLayer, IdentityPoolLayer, keys.KeysLayer, OAuthLayer):
        layered = layer(layered)
    return layered
