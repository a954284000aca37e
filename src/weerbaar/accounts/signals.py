"""Signals other apps listen to, so that accounts never imports them (docs/decisions/0006).

Sent inside the transaction that made the change: a receiver's writes commit or roll back with it.
"""

from django.dispatch import Signal

# Sent after a partner account was created. Arguments: user, partner.
partner_account_created = Signal()
