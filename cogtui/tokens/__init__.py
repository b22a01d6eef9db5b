"""Token inspector core: decode, explain and validate Cognito ID and access tokens.

No Textual and no boto3 here. The public API is imported lazily, so `import cogtui.tokens`
costs nothing until a name is used:

    from cogtui.tokens import decode_token, validate, StaticJwks, JwksCache, claim_rows
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "DecodedToken": "decode",
    "decode_token": "decode",
    "guess_kind": "decode",
    "Check": "report",
    "Status": "report",
    "ValidationReport": "report",
    "CHECK_NAMES": "report",
    "validate": "validation",
    "JwksSource": "jwks",
    "JwksCache": "jwks",
    "RemoteJwks": "jwks",
    "StaticJwks": "jwks",
    "JwksDocument": "jwks",
    "KeyLookup": "jwks",
    "accepted_issuers": "issuers",
    "infer_target": "issuers",
    "InferredTarget": "issuers",
    "pool_issuers": "issuers",
    "jwks_url_for_issuer": "issuers",
    "explain": "glossary",
    "explain_header": "glossary",
    "ClaimRow": "claims",
    "claim_rows": "claims",
    "header_rows": "claims",
    "expires_in": "claims",
    "size_report": "claims",
    "SizeReport": "claims",
    "SIZE_LIMITS": "claims",
    "compare": "claims",
    "ClaimComparison": "claims",
}

__all__ = [
    "CHECK_NAMES",
    "Check",
    "ClaimComparison",
    "ClaimRow",
    "InferredTarget",
    "DecodedToken",
    "JwksCache",
    "JwksDocument",
    "JwksSource",
    "KeyLookup",
    "RemoteJwks",
    "SIZE_LIMITS",
    "SizeReport",
    "StaticJwks",
    "Status",
    "ValidationReport",
    "accepted_issuers",
    "claim_rows",
    "compare",
    "decode_token",
    "expires_in",
    "explain",
    "explain_header",
    "guess_kind",
    "header_rows",
    "infer_target",
    "jwks_url_for_issuer",
    "pool_issuers",
    "size_report",
    "validate",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from cogtui.tokens.claims import (
        SIZE_LIMITS,
        ClaimComparison,
        ClaimRow,
        SizeReport,
        claim_rows,
        compare,
        expires_in,
        header_rows,
        size_report,
    )
    from cogtui.tokens.decode import DecodedToken, decode_token, guess_kind
    from cogtui.tokens.glossary import explain, explain_header
    from cogtui.tokens.issuers import (
        InferredTarget,
        accepted_issuers,
        infer_target,
        jwks_url_for_issuer,
        pool_issuers,
    )
    from cogtui.tokens.jwks import JwksCache, JwksDocument, JwksSource, KeyLookup, RemoteJwks, StaticJwks
    from cogtui.tokens.report import CHECK_NAMES, Check, Status, ValidationReport
    from cogtui.tokens.validation import validate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cogtui.tokens' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cogtui.tokens.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
