"""``make bench``: see ``run.py`` and the README section "Benchmark"."""
