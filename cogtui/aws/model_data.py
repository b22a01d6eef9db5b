"""botocore's service models and endpoint rules, read from disk once per process instead of once per
connection.

Each botocore Session makes its own ``Loader``, which parses the JSON of every model it is asked for:
cognito-idp, cognito-identity and STS, their endpoint rulesets and the partitions, about 50 ms per
connection. A switch of profile, region or endpoint makes a new Session; the files it reads are the
same, so every Session of the process shares one Loader (per data path, as ``AWS_DATA_PATH`` may set).
No Textual here.
"""

from __future__ import annotations

import functools

import botocore.loaders
import botocore.session


@functools.cache
def _loader(data_path: str | None) -> botocore.loaders.Loader:
    return botocore.loaders.create_loader(data_path)


def share_model_data(session: botocore.session.Session) -> None:
    """Give ``session`` the process's Loader for its data path (before it makes its first client)."""
    data_path = session.get_config_variable("data_path")
    session.register_component("data_loader", _loader(str(data_path) if data_path else None))
