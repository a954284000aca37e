"""The evidence vault's storage: files encrypted under the case's data key before they are written.

Storage is Django's ``storages["evidence"]`` (a local folder under the data
directory by default, mode 0600). What lands there is ciphertext only, under a
random name that says nothing about the case or the file; the associated data
binds each ciphertext to its case and its storage name, so a file cannot be
swapped for another case's file unnoticed.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from weerbaar.cases import sealing
from weerbaar.cases.models import Case


def evidence_storage() -> Storage:
    return storages["evidence"]


def new_storage_name() -> str:
    token = secrets.token_hex(20)
    return f"{token[:2]}/{token}"


def store(case: Case, data: bytes) -> str:
    """Encrypt ``data`` for ``case`` and write it; returns the storage name."""
    name = new_storage_name()
    blob = sealing.seal_bytes(case, f"evidence:{name}", data)
    saved = evidence_storage().save(name, ContentFile(blob))
    if saved != name:  # the storage renamed it: keep the binding honest
        evidence_storage().delete(saved)
        raise RuntimeError("evidence storage renamed a new file")
    return name


def load(case: Case, name: str) -> bytes:
    """Read and decrypt one stored file (raises crypto.DecryptionError when it was changed)."""
    with evidence_storage().open(name, "rb") as handle:
        blob = handle.read()
    return sealing.open_bytes(case, f"evidence:{name}", blob)


def delete(name: str) -> None:
    if name:
        evidence_storage().delete(name)


def exists(name: str) -> bool:
    return evidence_storage().exists(name)
