"""The evidence vault's storage: files encrypted under the case's data key before they are written.

Storage is Django's ``storages["evidence"]`` (a local folder under the data
directory by default, mode 0600). What lands there is ciphertext only, under a
random name that says nothing about the case or the file; the associated data
(``case:<reference>|evidence:<storage name>``) binds each ciphertext to its case
and its storage name, so a file cannot be swapped for another case's or another
name's file unnoticed. The storage name is the file's id, assigned before it is
sealed. The evidence row is tied to its original by the SHA-256 checked on every
read, and binds that hash and its previews' storage names into the associated data
of its own sealed details (``Evidence.sealed_binds``), so hashes or preview names
swapped between rows no longer open either.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from weerbaar.cases.models import Case


def evidence_storage() -> Storage:
    return storages["evidence"]


def new_storage_name() -> str:
    token = secrets.token_hex(20)
    return f"{token[:2]}/{token}"


def store(case: Case, data: bytes) -> str:
    """Encrypt ``data`` for ``case`` and write it; returns the storage name."""
    name = new_storage_name()
    blob = case.seal_blob(f"evidence:{name}", data)
    saved = evidence_storage().save(name, ContentFile(blob))
    if saved != name:  # the storage renamed it: keep the binding honest
        evidence_storage().delete(saved)
        raise RuntimeError("evidence storage renamed a new file")
    return name


def load(case: Case, name: str) -> bytes:
    """Read and decrypt one stored file (raises crypto.DecryptionError when it was changed)."""
    with evidence_storage().open(name, "rb") as handle:
        blob = handle.read()
    return case.open_blob(f"evidence:{name}", blob)


def delete(name: str) -> None:
    if name:
        evidence_storage().delete(name)


def exists(name: str) -> bool:
    return evidence_storage().exists(name)
