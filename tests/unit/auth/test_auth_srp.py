"""SRP proofs checked against the server side of the protocol (emulators do not check them).

The server half below follows Cognito's SRP-6a variant (the verifier a pool stores, B = kv + g^b,
S = (A v^u)^b, HKDF, HMAC over pool name + user id + secret block + timestamp). The client half is the
engine's ``SrpSigner`` (pycognito's maths): a right password must give the server's signature, a wrong
one must not. The device variant is checked the same way with the verifier ConfirmDevice registers.
"""

import base64
import hashlib
import hmac
import os

import pytest
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

from cogtui.auth.srp import DeviceCredentials, SrpSigner, device_verifier

POOL_ID = "us-east-1_TestPool1"
N, G = hex_to_long(N_HEX), hex_to_long(G_HEX)
K = hex_to_long(hex_hash("00" + N_HEX + "0" + G_HEX))


class SrpServer:
    """What Cognito does with the verifier it stored for ``identity`` (pool name + user id, or device keys)."""

    def __init__(
        self, identity: str, password: str, salt_hex: str | None = None, verifier: int | None = None
    ):
        self.salt_hex = salt_hex or os.urandom(16).hex()
        if verifier is None:
            x = hex_to_long(hex_hash(pad_hex(self.salt_hex) + hash_sha256(f"{identity}:{password}".encode())))
            verifier = pow(G, x, N)
        self.v = verifier
        self.b = int.from_bytes(os.urandom(32), "big")
        self.big_b = (K * self.v + pow(G, self.b, N)) % N
        self.secret_block = base64.b64encode(os.urandom(48)).decode()

    def expected_signature(self, srp_a_hex: str, message_prefix: str, timestamp: str) -> str:
        big_a = hex_to_long(srp_a_hex)
        u = calculate_u(big_a, self.big_b)
        s = pow(big_a * pow(self.v, u, N), self.b, N)
        key = compute_hkdf(bytearray.fromhex(pad_hex(s)), bytearray.fromhex(pad_hex(long_to_hex(u))))
        msg = message_prefix.encode() + base64.b64decode(self.secret_block) + timestamp.encode()
        return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def challenge(server: SrpServer, user_id: str) -> dict:
    return {
        "SALT": server.salt_hex,
        "SRP_B": long_to_hex(server.big_b),
        "SECRET_BLOCK": server.secret_block,
        "USER_ID_FOR_SRP": user_id,
        "USERNAME": user_id,
    }


def test_password_verifier_signature_matches_the_server_side():
    pool_name = POOL_ID.split("_")[1]
    user_id = "7b3c1f52-0d1e-4c6a-9a61-5f0e2a9b1c11"  # the internal username, not the email typed
    server = SrpServer(pool_name + user_id, "Passw0rd!demo")
    signer = SrpSigner("ivy@example.com", "Passw0rd!demo", POOL_ID)
    assert signer.auth_parameters() == {"USERNAME": "ivy@example.com", "SRP_A": signer.srp_a}
    responses = signer.password_verifier(challenge(server, user_id), user_id)
    expected = server.expected_signature(signer.srp_a, pool_name + user_id, responses["TIMESTAMP"])
    assert responses["PASSWORD_CLAIM_SIGNATURE"] == expected
    assert (
        responses["USERNAME"] == user_id and responses["PASSWORD_CLAIM_SECRET_BLOCK"] == server.secret_block
    )
    assert "SECRET_HASH" not in responses  # the engine adds it, over the right username


def test_a_wrong_password_gives_a_signature_the_server_rejects():
    pool_name = POOL_ID.split("_")[1]
    server = SrpServer(pool_name + "alice", "Passw0rd!demo")
    signer = SrpSigner("alice", "wrong-password", POOL_ID)
    responses = signer.password_verifier(challenge(server, "alice"), "alice")
    assert responses["PASSWORD_CLAIM_SIGNATURE"] != server.expected_signature(
        signer.srp_a, pool_name + "alice", responses["TIMESTAMP"]
    )


def test_each_exchange_uses_a_fresh_a_and_a_cognito_timestamp():
    one, two = SrpSigner("alice", "x", POOL_ID), SrpSigner("alice", "x", POOL_ID)
    assert one.srp_a != two.srp_a
    server = SrpServer(POOL_ID.split("_")[1] + "alice", "x")
    timestamp = one.password_verifier(challenge(server, "alice"), "alice")["TIMESTAMP"]
    weekday, month, day, clock, utc, year = timestamp.split(" ")
    assert utc == "UTC" and not day.startswith("0") and len(clock) == 8 and len(year) == 4


def test_device_password_verifier_matches_the_verifier_confirm_device_registered():
    group_key, device_key = "-Ab12Cd3", "us-east-1_0f1e2d3c-device"
    device_password, config = device_verifier(group_key, device_key)
    assert set(config) == {"PasswordVerifier", "Salt"}
    salt_hex = base64.b64decode(config["Salt"]).hex()
    verifier = int.from_bytes(base64.b64decode(config["PasswordVerifier"]), "big")
    server = SrpServer(group_key + device_key, device_password, salt_hex=salt_hex, verifier=verifier)
    device = DeviceCredentials(device_key, group_key, device_password)
    signer = SrpSigner("alice", "Passw0rd!demo", POOL_ID, device)
    assert signer.auth_parameters()["DEVICE_KEY"] == device_key
    assert signer.device_srp_parameters("alice") == {
        "USERNAME": "alice",
        "DEVICE_KEY": device_key,
        "SRP_A": signer.srp_a,
    }
    params = {
        "USERNAME": "alice",
        "SALT": salt_hex,
        "SRP_B": long_to_hex(server.big_b),
        "SECRET_BLOCK": server.secret_block,
    }
    responses = signer.device_password_verifier(params)
    assert responses["PASSWORD_CLAIM_SIGNATURE"] == server.expected_signature(
        signer.srp_a, group_key + device_key, responses["TIMESTAMP"]
    )
    assert responses["DEVICE_KEY"] == device_key


def test_the_signer_never_makes_calls_itself():
    signer = SrpSigner("alice", "x", POOL_ID)
    with pytest.raises(RuntimeError, match="engine sends every request itself"):
        signer._srp.client.initiate_auth(AuthFlow="USER_SRP_AUTH")
