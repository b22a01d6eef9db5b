"""What the explorer says about Cognito objects, as plain rows and words, before any widget lays it out.

No Textual here: ``fields`` (a labelled value and a heading, what every label/value list shows), ``pools``
(a user pool's overview, sign-in settings, schema and triggers) and ``users`` (a user's status and dates).
Screens and widgets only place and colour what these modules word, so the wording is testable on its own.
"""
