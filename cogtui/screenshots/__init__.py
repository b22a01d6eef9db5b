"""Screenshots of every screen, taken from the sandbox: ``python -m cogtui.screenshots [--out DIR]``.

Each scenario drives the real app headless with Textual's Pilot and saves an SVG. The sandbox runs on a
fixed port with pinned dates, so the pictures only change when the screens do.
"""
