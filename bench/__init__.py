"""The benchmark (``python bench/run.py``) and its helpers: each measures cogtui beside a bare baseline."""
