"""The development e-mail backend: every e-mail its own file under ``$WEERBAAR_DATA_DIR/mail/``.

Django's file backend names a file after the time (to the second) and the backend object's ``id()``, so
two mails sent in the same second can end up appended to one file. Here each message gets its own file
with a unique name; tests and outside checks count e-mails by counting files.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from django.core.mail.backends.filebased import EmailBackend as DjangoFileBackend
from django.core.mail.message import EmailMessage


class EmailBackend(DjangoFileBackend):
    # Set by Django's file backend in __init__; its stub does not declare them.
    file_path: str
    _fname: str | None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages or []:
            self.close()
            self._fname = None  # a new file per message
            sent += super().send_messages([message])
            self.close()
        return sent

    def _get_filename(self) -> str:
        if self._fname is None:
            stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{uuid.uuid4().hex}.eml")
        return self._fname
