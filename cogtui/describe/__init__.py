"""What cogtui says about Cognito objects, as plain rows and words, before any widget lays it out.

No Textual here. ``fields`` (a labelled value and a heading: what every label/value list shows),
``pools`` (a user pool's overview, sign-in settings, schema, triggers and identity providers), ``clients``
(an app client's settings), ``users`` (a user's status marks, meanings and dates), ``identity_pools`` (an
identity pool's providers, roles and role mappings), ``identity`` (the identity screen's pool and token
rows, a role in one sentence) and ``signin`` (the sign-in form's client note and sandbox hint). Screens and
widgets only place and colour what these modules word, so the wording is testable on its own.
"""
