"""The fault suite: injected faults, bad input and a small terminal, each screen driven with Pilot."""
