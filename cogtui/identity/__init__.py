"""Identity pools: the logins key, the token-for-credentials exchange, its diagnosis and export formats.

The modules here never import Textual, and reach AWS only through the gateway:

- ``logins`` / ``raw_logins``: the logins key from a token's issuer, typed keys and identity pool ids,
  raw logins pasted for other providers;
- ``checks`` / ``doctor`` / ``provider_checks``: pre-flight checks of the token against the identity pool;
- ``diagnosis``: the cause and next step of a refused call;
- ``roles``: which IAM role Cognito picks, and why;
- ``steps`` / ``exchange``: the enhanced, basic and guest flows, one timeline step per call;
- ``credentials`` / ``proof``: the temporary credentials, masked, and STS GetCallerIdentity made with them;
- ``export``: shell, credentials-file, credential_process and JSON renderings, and a 0600 file writer;
- ``cli``: ``cogtui identity credentials``.

This file stays empty on purpose so that building the command-line parser imports nothing heavy.
"""
