"""The worker layer: every AWS call cogtui makes goes through here (no Textual in this package)."""
