"""OAuth 2.0 against a user pool's domain: managed login (authorization code + PKCE) and the token endpoint.

The sign-in engine for the flows that never call InitiateAuth: the domain's endpoints resolved from
the pool (``endpoints``), PKCE, state and nonce (``pkce``), the authorize and logout URLs (``urls``),
a loopback listener on the client's registered localhost callback (``loopback``), the token endpoint's
grants, revoke and userInfo (``token_client``), each HTTP exchange as a timeline step (``exchange``),
Cognito's OAuth errors explained from the client's configuration (``explain``), the checks made
before sending (``preflight``) and the flows end to end (``flow``). No Textual here; standard library
HTTP only (the token endpoint is not an AWS API, so boto3 has no part in it).
"""
