"""Pin the dates of everything seeded in an in-process sandbox, for reproducible screenshots and snapshots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cogtui.sandbox.bulk_users import in_process_pools

PINNED_AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def pin_dates(region: str = "us-east-1", when: datetime = PINNED_AT) -> int:
    """Set creation and modification dates of pools, clients, groups and users to ``when`` (users a minute
    apart, in their stored order). Returns how many objects were changed; 0 when moto is not in this process."""
    changed = 0
    for pool in in_process_pools(region):
        pool.creation_date = pool.last_modified_date = when
        changed += 1
        for client in getattr(pool, "clients", {}).values():
            for name in ("creation_date", "last_modified_date"):
                if hasattr(client, name):
                    setattr(client, name, when)
            changed += 1
        for group in getattr(pool, "groups", {}).values():
            group.creation_date = group.last_modified_date = when
            changed += 1
        for index, user in enumerate(pool.users.values()):
            user.create_date = user.last_modified_date = when + timedelta(minutes=index)
            changed += 1
    return changed
