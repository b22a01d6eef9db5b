"""PKCE (RFC 7636, S256 only, as Cognito), ``state`` and ``nonce``: fresh random values for one sign-in."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field

from cogtui.secrets import remember


def s256(verifier: str) -> str:
    """The S256 code challenge of ``verifier``: BASE64URL(SHA256(verifier)) without padding. A verifier
    is ASCII (RFC 7636); any other text (a client's mistake, seen by the sandbox) is hashed as UTF-8."""
    digest = hashlib.sha256(verifier.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class Pkce:
    """The secrets of one authorization request; ``repr`` never shows the verifier."""

    verifier: str = field(repr=False)
    state: str
    nonce: str

    @property
    def challenge(self) -> str:
        return s256(self.verifier)

    @classmethod
    def new(cls) -> Pkce:
        """A 64-character verifier (RFC 7636 asks 43 to 128 of the unreserved characters), state and nonce."""
        verifier = secrets.token_urlsafe(48)
        remember(verifier)
        return cls(verifier=verifier, state=secrets.token_urlsafe(16), nonce=secrets.token_urlsafe(16))
