"""Exports and raw API responses: what leaves the app as a file or the clipboard.

``raw`` reads the exact response of a describe/get call and prints it as JSON with its secrets masked;
``users`` streams a pool's users (one page at a time) into CSV or JSON Lines; ``findings`` renders a
pool's findings as Markdown or JSON; ``configuration`` gathers a pool's whole configuration into one
JSON document. Every file is written with mode 0600, atomically (``cogtui.identity.export``). No Textual.
"""
