"""The server half of SRP-6a as Cognito runs it (3072-bit group, SHA-256, HKDF "Caldera Derived Key").

The maths helpers and the group are pycognito's (the client half the whole ecosystem uses); this
module adds what only a server computes: the verifier from a stored password, ``B = k·v + g^b``,
the shared secret ``S = (A·v^u)^b``, and the expected PASSWORD_CLAIM_SIGNATURE.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from pycognito.aws_srp import (
    G_HEX,
    N_HEX,
    calculate_u,
    compute_hkdf,
    hash_sha256,
    hex_hash,
    hex_to_long,
    long_to_hex,
    pad_hex,
)

BIG_N: int = hex_to_long(N_HEX)
G: int = hex_to_long(G_HEX)
K: int = hex_to_long(hex_hash("00" + N_HEX + "0" + G_HEX))
SALT_BYTES = 16  # Cognito's SALT: 16 random bytes, hex
PRIVATE_BYTES = 32  # b: 256 random bits, as RFC 5054 asks at least

# "%a %b %-d %H:%M:%S UTC %Y" in English, e.g. "Tue Mar 5 09:04:01 UTC 2024".
TIMESTAMP_PATTERN = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] UTC [0-9]{4}$"
)


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def pool_name(pool_id: str) -> str:
    """The part of the pool id after the region, which SRP hashes with the user's name."""
    return pool_id.split("_", 1)[1]


def verifier(pool_id: str, user_id: str, password: str, salt_hex: str) -> int:
    """v = g^x mod N with x = H(pad(salt) | H(poolName | userId | ":" | password))."""
    inner = hash_sha256(f"{pool_name(pool_id)}{user_id}:{password}".encode())
    x_value: int = hex_to_long(hex_hash(pad_hex(salt_hex) + inner))
    return pow(G, x_value, BIG_N)


@dataclass(frozen=True)
class ServerExchange:
    """The server's secret ``b``, its public ``B`` and the user's verifier, for one PASSWORD_VERIFIER."""

    b: int
    big_b: int
    v: int

    @property
    def srp_b(self) -> str:
        return str(long_to_hex(self.big_b))


def start_exchange(v: int) -> ServerExchange:
    while True:
        b = secrets.randbits(PRIVATE_BYTES * 8) % BIG_N
        big_b = (K * v + pow(G, b, BIG_N)) % BIG_N
        if big_b != 0 and b != 0:
            return ServerExchange(b, big_b, v)


def valid_srp_a(srp_a: str) -> bool:
    """SRP_A is hex and A mod N is not 0 (a zero A would let anyone pass without the password)."""
    try:
        value: int = hex_to_long(srp_a)
    except ValueError:
        return False
    return value % BIG_N != 0


def password_key(srp_a: str, exchange: ServerExchange) -> bytes | None:
    """The 16-byte key both sides derive; None when u is 0 (the exchange must be refused)."""
    big_a = hex_to_long(srp_a)
    u_value = calculate_u(big_a, exchange.big_b)
    if u_value == 0:
        return None
    s_value = pow(big_a * pow(exchange.v, u_value, BIG_N), exchange.b, BIG_N)
    return bytes(
        compute_hkdf(bytearray.fromhex(pad_hex(s_value)), bytearray.fromhex(pad_hex(long_to_hex(u_value))))
    )


def expected_signature(key: bytes, pool_id: str, user_id: str, secret_block: str, timestamp: str) -> str:
    message = (
        pool_name(pool_id).encode()
        + user_id.encode()
        + base64.standard_b64decode(secret_block)
        + timestamp.encode()
    )
    return base64.standard_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def signature_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def valid_timestamp(timestamp: str) -> bool:
    return bool(TIMESTAMP_PATTERN.match(timestamp))
