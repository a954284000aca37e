"""Referrals to network partners with the office holder's consent, partner portal."""
