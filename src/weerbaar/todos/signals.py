"""Signals of to-dos, so that to-dos never import the apps that act on them (notifications).

Receivers get the to-do and plain metadata only.
"""

from django.dispatch import Signal

# Sent by the task_reminders job on every run for every open to-do due by the end of the next working day
# (or overdue): arguments todo, key (the same for the same to-do and due moment), now. Receivers are
# idempotent and return how many people they reminded for the first time.
todo_due = Signal()
