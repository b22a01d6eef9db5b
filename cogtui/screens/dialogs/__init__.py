"""Every modal of cogtui, one module each, all on the one ``Dialog`` base (``base.py``)."""
