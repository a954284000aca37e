"""Receiving uploaded files: in memory only, bounded in size, with the name as the client sent it.

* ``EvidenceUploadHandler`` (the only entry in ``FILE_UPLOAD_HANDLERS``) keeps an
  upload in memory, so a plain copy of evidence never lands in a temporary file on
  disk. Past the per-file limit it stops keeping the bytes and only counts them,
  so the view can say "too large" instead of failing half-way.
* One file per request (``DATA_UPLOAD_MAX_NUMBER_FILES = 1``: Django stops at a
  second file part) and a cap on the whole body (``max_request_bytes()``: one file
  and the other fields), judged on its ``Content-Length`` before a byte of it is
  read: on every multipart path ``handle_raw_input`` refuses it (``BodyTooLarge``,
  a 400 like Django's own ``RequestDataTooBig``), and the upload views answer 413
  with a sentence first (``keeps_raw_upload_names``; the API middleware answers 413
  problem+json for the same sum). A body without a length is read as empty.
* ``RawNameMultiPartParser`` keeps the file name as sent. Django strips directory
  parts silently ("../../x.png" becomes "x.png"); we want to refuse such a name
  with a clear message instead (``files.check_file_name``), never store it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles
from rest_framework.parsers import MultiPartParser as DRFMultiPartParser

from weerbaar.core.errors import InvalidInput


class RawNameUpload(InMemoryUploadedFile):
    """An in-memory upload that keeps its name exactly as sent.

    Django's ``UploadedFile`` setter reduces the name to its base name ("../../x.png" -> "x.png"); the
    parser below keeps the raw name, and so must the file object, for ``files.check_file_name`` to refuse it.
    The name is never used as a storage path (the vault stores under random names).
    """

    def _set_name(self, name: str | None) -> None:
        self._name = name

    name = property(InMemoryUploadedFile._get_name, _set_name)  # type: ignore[attr-defined]  # Django's, not in its stub


class TooLargeUpload(RawNameUpload):
    """Stands in for a file past the limit: no content, only the size that arrived."""

    too_large = True


class BodyTooLarge(RequestDataTooBig):
    """A multipart body longer than ``max_request_bytes()`` (refused before it is read)."""


def max_request_bytes() -> int:
    """The cap on a whole multipart body: one file of ``EVIDENCE_MAX_FILE_BYTES`` and the other fields of the form
    (``DATA_UPLOAD_MAX_MEMORY_SIZE``); the API middleware applies the same sum."""
    return int(settings.EVIDENCE_MAX_FILE_BYTES) + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)


def body_too_large(meta: Any) -> bool:
    """Whether the request's declared length passes the cap on a whole upload body."""
    try:
        length = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django reads a body with an unreadable length as empty
    return length > max_request_bytes()


class EvidenceUploadHandler(FileUploadHandler):
    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        if content_length > max_request_bytes():
            raise BodyTooLarge("The multipart body is larger than one file and the form's fields may be.")
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer: BytesIO | None = BytesIO()
        self.received = 0
        self.limit = int(settings.EVIDENCE_MAX_FILE_BYTES)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.buffer is not None:
            if self.received > self.limit:
                self.buffer = None  # drop what we have; only count from here on
            else:
                self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        if self.buffer is None:
            return TooLargeUpload(
                file=BytesIO(),
                field_name=self.field_name,
                name=self.file_name,
                content_type=self.content_type,
                size=self.received,
                charset=self.charset,
                content_type_extra=self.content_type_extra,
            )
        self.buffer.seek(0)
        return RawNameUpload(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class RawNameMultiPartParser(MultiPartParser):
    def sanitize_file_name(self, file_name: str) -> str | None:
        # Keep what was sent (entities decoded, as Django does) so files.check_file_name can refuse it.
        file_name = html.unescape(file_name)
        return file_name or None

    IE_sanitize = sanitize_file_name


class EvidenceMultiPartParser(DRFMultiPartParser):
    """DRF's multipart parser, with the raw file name kept (see the module docstring)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> DataAndFiles:
        parser_context = parser_context or {}
        request = parser_context["request"]
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        try:
            parser = RawNameMultiPartParser(meta, stream, request.upload_handlers, encoding)
            data, files = parser.parse()
            return DataAndFiles(data, files)
        except TooManyFilesSent as exc:  # a refusal with its reason, not "not valid JSON" (core.api's ParseError)
            sentence = one_file_message()
            raise InvalidInput(sentence, invalid_params=[{"name": "file", "reason": sentence}]) from exc
        except Exception as exc:  # MultiPartParserError and friends: a malformed body
            raise ParseError("Multipart form parse error.") from exc


def one_file_message() -> str:
    return _("Stuur één bestand per keer.")


def too_large_message() -> str:
    return _("Het bestand is te groot. Het maximum is %(max)s MB per bestand.") % {
        "max": int(settings.EVIDENCE_MAX_FILE_BYTES) // 1_048_576
    }


Refusal = Callable[..., HttpResponse]  # (request, sentence, status, *the view's args, **its kwargs)


def keeps_raw_upload_names(view: Callable[..., HttpResponse], refuse: Refusal) -> Callable[..., HttpResponse]:
    """For a web view receiving files: parse with ``RawNameMultiPartParser``, then check CSRF as usual.

    The CSRF middleware reads ``request.POST`` before the view runs, which would parse the upload with
    Django's own parser; so the view is exempted from the middleware and protected here instead, after
    parsing (the pattern of Django's "modifying upload handlers on the fly"). A body over the cap, or with a
    second file, is answered by ``refuse(request, sentence, status, *args, **kwargs)`` without being parsed (or further
    read): nothing changes, so there is nothing for CSRF to protect.
    """
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith("multipart/form-data"):
            if body_too_large(request.META):
                return refuse(request, too_large_message(), 413, *args, **kwargs)
            parser = RawNameMultiPartParser(
                request.META,
                request,  # type: ignore[arg-type]  # HttpRequest is file-like (read); Django passes it the same way
                request.upload_handlers,
                request.encoding,
            )
            # _post and _files: where Django's own request keeps the parsed body (private, not in its stub).
            try:
                request._post, request._files = parser.parse()  # type: ignore[attr-defined]
            except TooManyFilesSent:
                return refuse(request, one_file_message(), 400, *args, **kwargs)
            except MultiPartParserError:
                # A malformed body: nothing parsed, so the CSRF check below refuses it (403).
                request._post, request._files = QueryDict(), MultiValueDict()  # type: ignore[attr-defined]
        return protected(request, *args, **kwargs)

    wrapper.__name__ = getattr(view, "__name__", "view")
    wrapper.__doc__ = view.__doc__
    return wrapper
