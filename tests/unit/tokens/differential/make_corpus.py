"""Write corpus.json: adversarial Cognito tokens, the JWKS each is checked against, a fixed clock.

Run from the repository root:  python tests/unit/tokens/differential/make_corpus.py
Then record aws-jwt-verify's verdicts with verify_with_aws_jwt_verify.mjs (see README.md).
Keys are generated afresh each run, so regenerate the verdicts whenever the corpus changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from token_factory import (  # noqa: E402 - needs the path above
    CLIENT_ID,
    DROP,
    GLOBAL_ISSUER,
    ISSUER,
    NOW,
    OTHER_CLIENT_ID,
    OTHER_POOL_ISSUER,
    POOL_ID,
    TokenFactory,
    b64url,
)

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def jwks_sets(f: TokenFactory) -> dict[str, Any]:
    main = f.jwks("rsa", "rsa2", "ec", "ec384", "ed")
    return {
        "main": main,
        "rsa_no_alg": {"keys": [f.jwk("rsa", alg=DROP)]},
        "ec384_no_alg": {"keys": [f.jwk("ec384", alg=DROP)]},
        "ec_no_alg": {"keys": [f.jwk("ec", alg=DROP)]},
        "rsa_enc": {"keys": [f.jwk("rsa", use="enc")]},
        "rsa_use_empty": {"keys": [f.jwk("rsa", use="")]},
        "rsa_key_ops_encrypt": {"keys": [f.jwk("rsa", use=DROP, key_ops=["encrypt"])]},
        "rsa_private_d": {"keys": [f.jwk("rsa", d="AQAB")]},
        "rsa_alg_rs512": {"keys": [f.jwk("rsa", alg="RS512")]},
        "rsa_missing_e": {"keys": [f.jwk("rsa", e=DROP)]},
        "oct": {
            "keys": [
                {
                    "kty": "oct",
                    "k": b64url(b"0123456789abcdef0123456789abcdef"),
                    "kid": "rsa-key-1",
                    "alg": "HS256",
                }
            ]
        },
        "bad_key_n_number": {
            "keys": [*main["keys"], {"kty": "RSA", "kid": "broken", "n": 12345, "e": "AQAB"}]
        },
        "duplicate_kid": {"keys": [f.jwk("attacker", kid="rsa-key-1"), f.jwk("rsa")]},
        "no_keys": {},
        "not_json": "<html>Service Unavailable</html>",
    }


def flip_padding_bits(segment: str) -> str:
    """Change only the unused low bits of the last base64url character (the bytes stay equal)."""
    if len(segment) % 4 not in (2, 3):
        raise ValueError("this segment has no unused bits")
    return segment[:-1] + ALPHABET[ALPHABET.index(segment[-1]) ^ 1]  # the lowest bit is unused


def sign_raw(f: TokenFactory, head_b64: str, body_b64: str, key: str = "rsa", alg: str = "RS256") -> str:
    from jwt.algorithms import get_default_algorithms

    signing_input = f"{head_b64}.{body_b64}"
    return (
        f"{signing_input}.{b64url(get_default_algorithms()[alg].sign(signing_input.encode(), f.keys[key]))}"
    )


def p384_with_sha256(f: TokenFactory, claims: dict[str, Any]) -> str:
    """A P-384 key signing with SHA-256 under alg ES256: a curve/alg mismatch."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    signing_input = (
        f"{b64url(json.dumps({'kid': f.kids['ec384'], 'alg': 'ES256'}))}.{b64url(json.dumps(claims))}"
    )
    r, s = decode_dss_signature(f.keys["ec384"].sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(48, 'big') + s.to_bytes(48, 'big'))}"


def entries(f: TokenFactory) -> list[dict[str, Any]]:  # noqa: PLR0915 - one flat list reads best
    out: list[dict[str, Any]] = []

    def add(eid: str, description: str, token: str, *, jwks: str = "main", token_use: str | None = "id",
            client_id: list[str] | None = None, grace: int = 0, divergence: tuple[str, str] | None = None) -> None:  # fmt: skip
        entry = {
            "id": eid,
            "description": description,
            "token": token,
            "jwks": jwks,
            "token_use": token_use,
            "client_id": [CLIENT_ID] if client_id is None else client_id,
            "grace_seconds": grace,
        }
        if client_id == []:
            entry["client_id"] = None
        if divergence:
            entry["divergence"] = {"kind": divergence[0], "reason": divergence[1]}
        out.append(entry)

    idt, act = f.id_token, f.access_token
    # valid baselines
    add("valid-id", "a Cognito-like RS256 ID token", idt())
    add("valid-access", "a Cognito-like RS256 access token", act(), token_use="access")
    add("valid-id-any-use", "ID token, token_use not pinned", idt(), token_use=None)
    add("valid-access-any-use", "access token, token_use not pinned", act(), token_use=None)
    add(
        "valid-second-client",
        "aud matches the second accepted client",
        idt(),
        client_id=[OTHER_CLIENT_ID, CLIENT_ID],
    )
    add("valid-client-unchecked", "client not checked (clientId null)", idt(aud="anything"), client_id=[])
    add("valid-es256", "ES256 key", idt(key="ec"))
    add("valid-es384", "ES384 key", idt(key="ec384"))
    add("valid-eddsa", "Ed25519 key", idt(key="ed"))
    add("valid-global-issuer", "iss in the global issuer-cognito-idp form", idt(iss=GLOBAL_ISSUER))
    add(
        "valid-jku-ignored",
        "honest token with a jku header (ignored)",
        idt(header={"jku": "https://evil.example.com/jwks"}),
    )
    add(
        "valid-x5u-ignored",
        "honest token with x5u and x5c headers",
        idt(header={"x5u": "https://evil.example.com/c", "x5c": ["AAAA"]}),
    )
    add("valid-embedded-own-jwk", "embedded jwk equal to the trusted key", idt(header={"jwk": f.jwk("rsa")}))
    add("valid-crit-ignored", "crit header is not enforced", idt(header={"crit": ["exp"]}))
    add("valid-typ-jwt", "typ JWT header", idt(header={"typ": "JWT"}))
    # times
    add("exp-equals-now", "exp == now is still valid", idt(exp=NOW))
    add("exp-1s-ago", "expired one second ago", idt(exp=NOW - 1))
    add("exp-within-grace", "expired 5 s ago, grace 10 s", idt(exp=NOW - 5), grace=10)
    add("exp-beyond-grace", "expired 11 s ago, grace 10 s", idt(exp=NOW - 11), grace=10)
    add("exp-fractional", "exp a float just in the future", idt(exp=NOW + 0.5))
    add("exp-missing", "no exp at all (accepted)", idt(exp=DROP))
    add("nbf-future", "nbf 60 s ahead", idt(nbf=NOW + 60))
    add("nbf-future-in-grace", "nbf 60 s ahead, grace 60", idt(nbf=NOW + 60), grace=60)
    add("nbf-past", "nbf in the past", idt(nbf=NOW - 60))
    add("iat-future", "iat ahead of the clock (only a warning)", idt(iat=NOW + 600))
    add("auth-time-future", "auth_time ahead of the clock", idt(auth_time=NOW + 600))
    add("expired-and-wrong-client", "two failures at once", idt(exp=NOW - 100, aud=OTHER_CLIENT_ID))
    # claim types
    add("exp-string", "exp as a string", idt(exp=str(NOW + 3600)))
    add("exp-bool", "exp as a boolean", idt(exp=True))
    add("exp-null", "exp null", idt(exp=None))
    huge = json.dumps(f.id_claims(exp=DROP))[:-1] + ', "exp": 1e400}'
    add("exp-infinite", "exp 1e400 (infinity)", f.sign(huge.encode()))
    big = json.dumps(f.id_claims())[:-1] + ', "custom:big": 1e400}'
    add("infinite-other-claim", "an unchecked claim of 1e400", f.sign(big.encode()))
    add("iat-string", "iat as a string", idt(iat="yesterday"))
    add("nbf-string", "nbf as a string", idt(nbf="0"))
    add("iss-array", "iss as an array", idt(iss=[ISSUER]))
    add("sub-number", "sub as a number", idt(sub=42))
    add("aud-number", "aud as a number", idt(aud=42))
    add("aud-array-id", "ID token with aud as an array", idt(aud=[CLIENT_ID]))
    add(
        "aud-array-access",
        "access token with an aud array (aud unchecked)",
        act(aud=["a", "b"]),
        token_use="access",
    )
    add("aud-mixed-array", "aud array with a number", act(aud=["a", 1]), token_use="access")
    add("scope-list", "scope as a list", act(scope=["openid"]), token_use="access")
    add("jti-number", "jti as a number", idt(jti=7))
    add("groups-string", "cognito:groups as a string (unchecked)", idt(**{"cognito:groups": "admins"}))
    add("auth-time-string", "auth_time as a string (unchecked)", idt(auth_time="then"))
    dup = json.dumps(f.access_claims())[:-1] + ', "token_use": "id", "aud": "' + CLIENT_ID + '"}'
    add("duplicate-claim-last-wins", "token_use given twice, the last wins", f.sign(dup.encode()))
    raw_utf8 = json.dumps(f.id_claims(name="PLACEHOLDER")).encode().replace(b"PLACEHOLDER", b"\xff\xfe")
    add("invalid-utf8-claim", "invalid UTF-8 inside a claim string", f.sign(raw_utf8))
    # iss, token_use, client
    add("iss-missing", "no iss", idt(iss=DROP))
    add("iss-other-pool", "iss of another pool", idt(iss=OTHER_POOL_ISSUER))
    add("iss-trailing-slash", "iss with a trailing slash", idt(iss=ISSUER + "/"))
    add("iss-http", "iss over http", idt(iss=ISSUER.replace("https", "http")))
    add("iss-evil-host", "iss on another host", idt(iss="https://evil.example.com/" + POOL_ID))
    add("token-use-missing", "no token_use", idt(token_use=DROP), token_use=None)
    add("token-use-refresh", "token_use refresh", idt(token_use="refresh"), token_use=None)
    add("token-use-mismatch", "ID token where access is expected", idt(), token_use="access")
    add("token-use-list", "token_use as a list", idt(token_use=["id"]), token_use=None)
    add("client-wrong-aud", "aud of another client", idt(aud=OTHER_CLIENT_ID))
    add(
        "client-wrong-client-id",
        "client_id of another client",
        act(client_id=OTHER_CLIENT_ID),
        token_use="access",
    )
    add("client-id-list", "client_id as a list", act(client_id=[CLIENT_ID]), token_use="access")
    add(
        "access-aud-not-client-id",
        "access token naming its client in aud only",
        act(client_id=DROP, aud=CLIENT_ID),
        token_use="access",
    )
    # alg, kid, keys
    claims = f.id_claims()
    add(
        "alg-none",
        "alg none with a non-empty signature",
        f.raw({"alg": "none", "kid": "rsa-key-1"}, claims, b"x"),
    )
    add(
        "alg-none-empty-signature",
        "alg none, empty signature",
        f.raw({"alg": "none", "kid": "rsa-key-1"}, claims, ""),
    )
    add("alg-None-case", "alg 'None'", f.raw({"alg": "None", "kid": "rsa-key-1"}, claims, b"x"))
    add("hs256-public-pem", "HS256 signed with the public key PEM", f.hmac_token(claims, f.public_pem("rsa")))
    add(
        "hs256-key-without-alg",
        "HS256 against an RSA key without alg",
        f.hmac_token(claims, f.public_pem("rsa")),
        jwks="rsa_no_alg",
    )
    add(
        "hs256-oct-key",
        "HS256 with a symmetric key in the JWKS",
        f.hmac_token(claims, b"0123456789abcdef0123456789abcdef"),
        jwks="oct",
    )
    add("ps256", "PS256 (RSA-PSS) is not accepted", f.sign(claims, key="rsa", alg="PS256"), jwks="rsa_no_alg")
    add("alg-missing", "no alg in the header", f.raw({"kid": "rsa-key-1"}, claims, b"x"))
    add("alg-number", "alg is a number", f.raw({"kid": "rsa-key-1", "alg": 256}, claims, b"x"))
    add("kid-missing", "no kid in the header", idt(header={"kid": DROP}))
    add("kid-unknown", "kid not in the JWKS", idt(header={"kid": "unknown"}))
    add("kid-number", "kid is a number", idt(header={"kid": 1}))
    add(
        "rs512-signature-labelled-rs256",
        "RS512 signature with alg RS256",
        f.sign(claims, key="rsa", alg="RS512", header={"alg": "RS256"}),
    )
    add("jwk-use-enc", "the key is an encryption key", idt(), jwks="rsa_enc")
    add("jwk-use-empty", "use is an empty string (treated as absent)", idt(), jwks="rsa_use_empty")
    add(
        "jwk-key-ops-encrypt",
        "key_ops encrypt only (not checked by aws-jwt-verify)",
        idt(),
        jwks="rsa_key_ops_encrypt",
    )
    add("jwk-private-d", "the JWKS leaks a private exponent", idt(), jwks="rsa_private_d")
    add("jwk-alg-mismatch", "key alg RS512, token RS256", idt(), jwks="rsa_alg_rs512")
    add("jwk-missing-e", "key without exponent", idt(), jwks="rsa_missing_e")
    add("jwks-bad-key", "one malformed key spoils the JWKS", idt(), jwks="bad_key_n_number")
    add("jwks-no-keys", "JWKS without keys", idt(), jwks="no_keys")
    add("jwks-not-json", "JWKS endpoint returns HTML", idt(), jwks="not_json")
    add("duplicate-kid", "first key with the kid is the attacker's", idt(), jwks="duplicate_kid")
    # forgeries
    add(
        "attacker-key-trusted-kid",
        "signed by another key under a trusted kid",
        idt(key="attacker", header={"kid": "rsa-key-1"}),
    )
    add(
        "embedded-jwk-attacker",
        "attacker key embedded in the header",
        idt(key="attacker", header={"jwk": f.jwk("attacker")}),
    )
    add(
        "embedded-jwk-trusted-kid",
        "attacker jwk embedded, trusted kid",
        idt(key="attacker", header={"jwk": f.jwk("attacker"), "kid": "rsa-key-1"}),
    )
    add(
        "jku-attacker",
        "jku to the attacker's JWKS",
        idt(key="attacker", header={"jku": "https://evil.example.com/jwks.json"}),
    )
    head, body, sig = idt().split(".")
    add(
        "tampered-payload",
        "payload swapped, signature kept",
        f"{head}.{idt(sub='admin').split('.')[1]}.{sig}",
    )
    mid = len(sig) // 2
    add(
        "tampered-signature",
        "one signature character changed",
        f"{head}.{body}.{sig[:mid]}{'A' if sig[mid] != 'A' else 'B'}{sig[mid + 1 :]}",
    )
    add("truncated-signature", "signature cut short", f"{head}.{body}.{sig[:-8]}")
    add(
        "signature-padding-bits",
        "last char differs only in unused bits",
        f"{head}.{body}.{flip_padding_bits(sig)}",
    )
    add("signature-with-padding", "signature followed by '='", f"{head}.{body}.{sig}=")
    padded_head = b64url('{"kid":"rsa-key-1","alg":"RS256"}') + "=="
    add("header-with-padding", "header segment with '==' (signed that way)", sign_raw(f, padded_head, body))
    # structure
    add("empty", "empty string", "")
    add("two-segments", "header and payload only", f"{head}.{body}")
    add("four-segments", "an extra segment", f"{head}.{body}.{sig}.{sig}")
    add("plus-character", "standard base64 '+' in the signature", f"{head}.{body}.{sig[:5]}+{sig[6:]}")
    add("header-not-json", "header is not JSON", f"{b64url('hello')}.{body}.{sig}")
    add("payload-array", "payload is an array", f.sign([1, 2, 3]))  # type: ignore[arg-type]
    add("payload-nan", "payload uses NaN", f.sign(b'{"exp": NaN}'))
    # documented divergences, "stricter": aws-jwt-verify accepts these, cogtui refuses them
    reason = (
        "alg/key mismatch: the key has no alg, so aws-jwt-verify lets ES256 verify an RSA PKCS#1 signature"
    )
    add(
        "es256-header-rsa-key",
        "alg ES256 over an RSA signature, key without alg",
        f.sign(claims, key="rsa", alg="RS256", header={"alg": "ES256"}),
        jwks="rsa_no_alg",
        divergence=("stricter", reason),
    )
    reason = "curve mismatch: ES256 requires P-256, aws-jwt-verify accepts a P-384 key without alg"
    add(
        "es256-header-p384-key",
        "alg ES256, P-384 key signing SHA-256",
        p384_with_sha256(f, claims),
        jwks="ec384_no_alg",
        divergence=("stricter", reason),
    )
    reason = (
        "alg/key mismatch: aws-jwt-verify verifies an ECDSA signature labelled RS256 when the key has no alg"
    )
    add(
        "rs256-header-ec-key",
        "alg RS256 over an ES256 signature, key without alg",
        f.sign(claims, key="ec", alg="ES256", header={"alg": "RS256"}),
        jwks="ec_no_alg",
        divergence=("stricter", reason),
    )
    # documented divergences, "paste-cleanup": validate() cleans pasted text first, and says so
    reason = (
        "validate() strips what surrounds a pasted token and reports it; aws-jwt-verify takes the raw string"
    )
    add(
        "whitespace-inside",
        "a line break inside the token",
        f"{head}.{body}\n.{sig}",
        divergence=("paste-cleanup", reason),
    )
    add(
        "bearer-prefix",
        "an Authorization header value",
        f"Bearer {head}.{body}.{sig}",
        divergence=("paste-cleanup", reason),
    )
    add(
        "trailing-newline",
        "the token followed by a newline",
        f"{head}.{body}.{sig}\n",
        divergence=("paste-cleanup", reason),
    )
    return out


def main() -> None:
    factory = TokenFactory()
    sets = jwks_sets(factory)
    corpus = {
        "about": "Adversarial Cognito tokens; verdicts from aws-jwt-verify are in corpus_verdicts.json.",
        "now": NOW,
        "user_pool_id": POOL_ID,
        "jwks_sets": {
            name: value if isinstance(value, str) else json.dumps(value) for name, value in sets.items()
        },
        "entries": entries(factory),
    }
    ids = [e["id"] for e in corpus["entries"]]
    assert len(ids) == len(set(ids)), "duplicate corpus ids"
    (HERE / "corpus.json").write_text(json.dumps(corpus, indent=1) + "\n")
    print(f"wrote {len(ids)} entries to {HERE / 'corpus.json'}")


if __name__ == "__main__":
    main()
