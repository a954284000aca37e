"""Aftercare plans: check-ins for the office holder and household members."""
