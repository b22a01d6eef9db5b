"""How a connection is named on screen: ``profile dev · eu-west-1``, ``local sandbox · us-east-1 · http://…``.

No botocore here: the app names the connection it is about to make before botocore is imported.
"""

from __future__ import annotations


def where_label(profile: str | None, region: str | None, endpoint_url: str | None, sandbox: bool) -> str:
    """A connection, made or planned (no region: the profile's own; no endpoint: AWS's)."""
    who = "local sandbox" if sandbox else f"profile {profile}" if profile else "default credentials"
    parts = [who, region or "the profile's region"]
    if endpoint_url and "amazonaws.com" not in endpoint_url:
        parts.append(endpoint_url)
    return " · ".join(parts)
