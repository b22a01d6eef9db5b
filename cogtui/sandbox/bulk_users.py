"""Many users for the ``demo-large`` pool, created fast.

The users are generated deterministically (``user00001``...) with varied attributes and states.
When the emulator runs in this process they are written straight into its in-memory backend
(10,000 users in well under a second); otherwise they are created over HTTP with the admin API
on a few threads (a few milliseconds per call).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from cogtui.sandbox.seed_data import (
    CONFIRMED,
    DEMO_PASSWORD,
    FORCE_CHANGE_PASSWORD,
    TEMPORARY_PASSWORD,
    UNCONFIRMED,
)

_GIVEN = (
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Barbara",
    "Ken",
    "Margaret",
    "Dennis",
    "Radia",
    "Edsger",
    "Frances",
    "Tim",
    "Katherine",
    "Donald",
    "Hedy",
    "John",
    "Annie",
    "Guido",
    "Sophie",
    "Niklaus",
)
_FAMILY = (
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Liskov",
    "Thompson",
    "Hamilton",
    "Ritchie",
    "Perlman",
    "Dijkstra",
    "Allen",
    "Berners-Lee",
    "Johnson",
    "Knuth",
    "Lamarr",
    "McCarthy",
    "Easley",
    "van Rossum",
    "Wilson",
    "Wirth",
    "Kay",
    "Goldberg",
    "Cerf",
)
_DOMAINS = ("example.com", "example.org", "example.net")
_LOCALES = ("en-US", "en-GB", "fr-FR", "de-DE", "ja-JP")


@dataclass(frozen=True)
class BulkUser:
    """One generated user of the large pool."""

    username: str
    status: str
    password: str
    enabled: bool = True
    in_group: bool = False
    attributes: dict[str, str] = field(default_factory=dict)

    def attribute_list(self) -> list[dict[str, str]]:
        return [{"Name": k, "Value": v} for k, v in self.attributes.items()]


def large_username(index: int) -> str:
    """``user00001``-style names (1-based), zero-padded to five digits."""
    return f"user{index:05d}"


def generate_users(count: int) -> list[BulkUser]:
    """``count`` deterministic users: mostly CONFIRMED, 5% UNCONFIRMED, 5% FORCE_CHANGE_PASSWORD,
    4% disabled; every third has a phone number; every tenth is in the group."""
    users = []
    for i in range(1, count + 1):
        given, family = _GIVEN[i % len(_GIVEN)], _FAMILY[i % len(_FAMILY)]
        status = UNCONFIRMED if i % 20 == 0 else FORCE_CHANGE_PASSWORD if i % 20 == 10 else CONFIRMED
        attributes = {
            "email": f"{given.lower()}.{family.lower().replace(' ', '')}{i}@{_DOMAINS[i % len(_DOMAINS)]}",
            "email_verified": "true" if status == CONFIRMED else "false",
            "given_name": given,
            "family_name": family,
            "name": f"{given} {family}",
        }
        if i % 3 == 0:
            attributes["phone_number"] = f"+1555{i:07d}"
            attributes["phone_number_verified"] = "true" if i % 2 else "false"
        if i % 4 == 0:
            attributes["locale"] = _LOCALES[i % len(_LOCALES)]
        users.append(
            BulkUser(
                username=large_username(i),
                status=status,
                password=TEMPORARY_PASSWORD if status == FORCE_CHANGE_PASSWORD else DEMO_PASSWORD,
                enabled=not (status == CONFIRMED and i % 25 == 3),
                in_group=i % 10 == 1,
                attributes=attributes,
            )
        )
    return users


def in_process_pools(region: str) -> list[Any]:
    """The user pool objects of an emulator running in this process (none if moto is not loaded)."""
    models = sys.modules.get("moto.cognitoidp.models")
    if models is None:
        return []
    backends = models.cognitoidp_backends
    pools = []
    for account_id in list(backends.keys()):
        regions = backends[account_id]
        if region in regions:
            pools.extend(regions[region].user_pools.values())
    return pools


def insert_in_process(
    pool_id: str, region: str, group_name: str, users: Sequence[BulkUser], existing_before: Sequence[Any]
) -> bool:
    """Write ``users`` straight into the in-process emulator. Returns False if the pool is not there.

    ``existing_before`` is ``in_process_pools(region)`` taken before the pool was created over HTTP:
    only a pool object that appeared since then is ours (an emulator in another process, seeded with
    the same names, would otherwise be mistaken for this one).
    """
    pool = next((p for p in in_process_pools(region) if p.id == pool_id), None)
    if pool is None or pool.users or any(pool is old for old in existing_before):
        return False
    from moto.cognitoidp.models import CognitoIdpUser, UserStatus

    group = pool.groups.get(group_name)
    now = None
    created = []
    template: dict[str, Any] | None = None
    for index, spec in enumerate(users):
        if template is None:  # the first user the ordinary way; the others copy its fields
            user = CognitoIdpUser(
                pool_id, spec.username, spec.password, UserStatus[spec.status], spec.attribute_list()
            )
            user.enabled, template = spec.enabled, dict(user.__dict__)
        else:
            user = _user_like(CognitoIdpUser, template, spec, UserStatus[spec.status])
        now = now or user.create_date
        # Spread creation over the past weeks, user00001 the oldest, so sorting by date means something.
        user.create_date = user.last_modified_date = now - timedelta(minutes=7 * (len(users) - 1 - index))
        if spec.in_group and group is not None:
            group.users.add(user)
            user.groups.add(group)
        created.append((spec.username, user))
    pool.users.update(created)
    return True


def _user_like(cls: Any, template: dict[str, Any], spec: BulkUser, status: Any) -> Any:
    """A moto user object as ``CognitoIdpUser(...)`` builds it, without its per-user parsing: copying a
    template's fields and setting the user's own takes a fraction of the time (a million users seed in under a minute).
    The fields are those of moto's ``CognitoIdpUser.__init__`` (``sub`` appended last, as it does)."""
    from moto.moto_api._internal import mock_random

    user = cls.__new__(cls)
    fields = dict(template)
    user_id = str(mock_random.uuid4())
    attributes = [*spec.attribute_list(), {"Name": "sub", "Value": user_id}]
    fields.update(
        id=user_id,
        username=spec.username,
        password=spec.password,
        status=status,
        enabled=spec.enabled,
        attributes=attributes,
        attribute_lookup={a["Name"]: a["Value"] for a in attributes},
        groups=set(),
    )
    user.__dict__.update(fields)
    return user


def create_over_http(
    idp: Any,
    pool_id: str,
    sign_up_client_id: str,
    group_name: str,
    users: Sequence[BulkUser],
    workers: int = 8,
) -> None:
    """Create ``users`` with real API calls on ``workers`` threads (the emulator runs elsewhere)."""

    def create(spec: BulkUser) -> None:
        if spec.status == UNCONFIRMED:
            idp.sign_up(
                ClientId=sign_up_client_id,
                Username=spec.username,
                Password=spec.password,
                UserAttributes=spec.attribute_list(),
            )
        else:
            idp.admin_create_user(
                UserPoolId=pool_id,
                Username=spec.username,
                TemporaryPassword=TEMPORARY_PASSWORD,
                MessageAction="SUPPRESS",
                UserAttributes=spec.attribute_list(),
            )
            if spec.status == CONFIRMED:
                idp.admin_set_user_password(
                    UserPoolId=pool_id, Username=spec.username, Password=spec.password, Permanent=True
                )
        if not spec.enabled:
            idp.admin_disable_user(UserPoolId=pool_id, Username=spec.username)
        if spec.in_group:
            idp.admin_add_user_to_group(UserPoolId=pool_id, Username=spec.username, GroupName=group_name)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cogtui-seed") as pool:
        for _ in pool.map(create, users):
            pass
