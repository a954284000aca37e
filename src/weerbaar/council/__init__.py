"""Facilitated conversations in council or college, coverage against a yearly target."""
