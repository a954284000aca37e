"""What an uploaded file is, judged by its content, and the safe derived forms of an image.

The type comes from the bytes (libmagic through python-magic), never from the name
or the ``Content-Type`` the client sent. Images are decoded completely with
Pillow, in a child process with capped memory and time (``core.imaging``), so a
corrupt or truncated image is refused on arrival, and their previews are
re-encoded pixels only: no EXIF (GPS position, camera, owner), no comments.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.utils.translation import gettext as _

from weerbaar.core import imaging
from weerbaar.core.errors import InvalidInput, RateLimited

MAX_NAME_LENGTH = 200

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
DOCUMENT_TYPES = frozenset(
    {"application/pdf", "text/plain", "text/csv", "message/rfc822", "application/vnd.ms-outlook"}
)
AUDIO_TYPES = frozenset({"audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/aac", "audio/flac", "audio/webm"})
VIDEO_TYPES = frozenset({"video/mp4", "video/quicktime", "video/webm", "video/3gpp", "video/x-matroska"})
ALLOWED_TYPES = IMAGE_TYPES | DOCUMENT_TYPES | AUDIO_TYPES | VIDEO_TYPES

# libmagic's names for the same thing, mapped onto the names above.
ALIASES = {
    "audio/x-wav": "audio/wav",
    "audio/x-m4a": "audio/mp4",
    "audio/x-hx-aac-adts": "audio/aac",
    "audio/x-flac": "audio/flac",
    "video/x-m4v": "video/mp4",
    "application/x-pdf": "application/pdf",
}

# File name extensions for the ZIP export and downloads, by detected type.
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/ogg": ".ogg",
    "audio/wav": ".wav",
    "audio/aac": ".aac",
    "audio/flac": ".flac",
    "audio/webm": ".weba",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
    "video/3gpp": ".3gp",
    "video/x-matroska": ".mkv",
}


def refused(reason: str, *, field: str = "file") -> InvalidInput:
    return InvalidInput(reason, invalid_params=[{"name": field, "reason": reason}])


def check_file_name(name: str | None) -> str:
    """The name as the user will see it again; refuse paths, control characters and empty names."""
    if name is None or not name.strip():
        raise refused(_("Het bestand heeft geen naam. Geef het een naam en probeer het opnieuw."))
    if "/" in name or "\\" in name or name.strip() in {".", ".."} or "\x00" in name:
        raise refused(_("De bestandsnaam bevat een map of pad (zoals / of ..). Geef het bestand een gewone naam."))
    if any(unicodedata.category(ch).startswith("C") or unicodedata.category(ch) in {"Zl", "Zp"} for ch in name):
        raise refused(_("De bestandsnaam bevat onzichtbare tekens. Geef het bestand een gewone naam."))
    # Other spaces (no-break, ogham, ideographic …) become a plain space.
    name = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in name)
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) > MAX_NAME_LENGTH:
        raise refused(_("De bestandsnaam is te lang (maximaal %(n)s tekens).") % {"n": MAX_NAME_LENGTH})
    return name


def detect_media_type(data: bytes) -> str:
    """The media type of ``data`` from its content, or refuse it with a reason the user can act on."""
    import magic

    if not data:
        raise refused(_("Het bestand is leeg."))
    detected = magic.from_buffer(data[: 2 * 1024 * 1024], mime=True) or "application/octet-stream"
    detected = ALIASES.get(detected, detected)
    if detected == "text/plain" and _looks_like_email(data):
        detected = "message/rfc822"
    if detected in ALLOWED_TYPES:
        return detected
    if detected in {"image/heic", "image/heif", "image/avif"}:
        raise refused(
            _(
                "Dit fototype (HEIC of AVIF) kan Weerbaar niet tonen. Stel uw telefoon in op JPEG, "
                "of maak een schermafbeelding en stuur die."
            )
        )
    if detected in {"text/html", "application/xhtml+xml"}:
        raise refused(
            _(
                "Een opgeslagen webpagina kunnen we niet veilig bewaren. Maak een schermafbeelding of "
                "sla de pagina op als pdf."
            )
        )
    raise refused(
        _(
            "Dit soort bestand (%(type)s) nemen we niet aan. Geschikt zijn foto's (JPEG, PNG, GIF, WebP), "
            "pdf, e-mail (.eml, .msg), tekst, geluid en video."
        )
        % {"type": detected}
    )


def _looks_like_email(data: bytes) -> bool:
    head = data[:4096].decode("utf-8", "replace").lower()
    headers = ("from:", "to:", "subject:", "date:", "received:", "message-id:", "return-path:")
    return sum(1 for line in head.splitlines()[:30] for h in headers if line.startswith(h)) >= 2


ImageRenditions = imaging.Renditions


def image_renditions(data: bytes) -> ImageRenditions:
    """A metadata-free preview and a blurred rendition, made in a child process with capped memory and time.

    The child (``core.imaging``) refuses an image over ``EVIDENCE_MAX_IMAGE_PIXELS`` from its header before
    decoding it, and a corrupt or truncated one when decoding it; its reasons become the messages below.
    """
    try:
        return imaging.renditions_isolated(data)
    except imaging.ImageRefused as refusal:
        if refusal.kind == "busy":  # nothing wrong with the file: the same upload will do in a minute
            raise RateLimited(_refusal_message(refusal.kind), retry_after=60) from refusal
        raise refused(_refusal_message(refusal.kind)) from refusal


def _refusal_message(kind: str) -> str:
    if kind == "too_large":
        return _(
            "Deze afbeelding is te groot om veilig te openen (meer dan %(mp)s megapixel). "
            "Maak een schermafbeelding of verklein de foto en stuur die."
        ) % {"mp": int(settings.EVIDENCE_MAX_IMAGE_PIXELS) // 1_000_000}
    if kind == "busy":
        return _("Er worden nu veel afbeeldingen verwerkt. Probeer het over een minuut opnieuw.")
    if kind == "unprocessable":
        return _(
            "Deze afbeelding is te zwaar om te verwerken. Maak een schermafbeelding of verklein de foto en stuur die."
        )
    return _("De afbeelding is beschadigd of onvolledig en kan niet worden geopend. Stuur het bestand opnieuw.")
