"""The sign-in engine: flows, the challenge state machine, SECRET_HASH, SRP and explained failures.

No Textual here, and no boto3 client of its own: every AWS call goes through the gateway. A screen
drives a ``SignInSession`` (``start``/``answer``), shows each ``Step`` and asks its ``Question``.
Import the submodules directly (``cogtui.auth.signin_session``, ``cogtui.auth.refusal_catalogue``...); this package
module stays empty so ``cogtui --help`` never pays for them.
"""
