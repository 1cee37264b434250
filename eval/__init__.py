"""Benchmarks and evaluations of citeqa, using only its public API (`from qa import ...`)."""
