"""What an uploaded file is, judged by its content, and the safe derived forms of an image.

The type comes from the bytes (libmagic through python-magic), never from the name
or the ``Content-Type`` the client sent. Images are decoded completely with
Pillow, so a corrupt or truncated image is refused on arrival, and their previews
are re-encoded pixels only: no EXIF (GPS position, camera, owner), no comments.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from weerbaar.core.errors import InvalidInput
from weerbaar.core.imaging import strict_pillow

if TYPE_CHECKING:  # libmagic and Pillow are imported where a file is checked, not when a worker starts
    from PIL import Image

MAX_NAME_LENGTH = 200
PREVIEW_SIZE = (1600, 1600)
BLURRED_SIZE = (480, 480)
BLURRED_DETAIL = 12  # pixels along the long side before the blurred rendition is grown back
# Refuse images that decode to more pixels than this (decompression bombs): 50 megapixels.
MAX_IMAGE_PIXELS = 50_000_000

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


@dataclass(frozen=True)
class ImageRenditions:
    width: int
    height: int
    preview_jpeg: bytes
    blurred_jpeg: bytes


def image_renditions(data: bytes) -> ImageRenditions:
    """Decode the whole image (refusing corrupt ones) and make a metadata-free preview and a blurred one."""
    from PIL import Image, ImageFilter, ImageOps

    try:
        # strict_pillow: WeasyPrint (the PDFs) sets Pillow's process-wide LOAD_TRUNCATED_IMAGES = True on import,
        # after which a truncated image would decode "fine" with grey padding; evidence must be refused instead.
        with strict_pillow(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise refused(_("Deze afbeelding is te groot (meer dan 50 megapixel)."))
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                rgb = _flatten(upright)
    except InvalidInput:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise refused(_("Deze afbeelding is te groot (meer dan 50 megapixel).")) from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError … for damaged files
        raise refused(
            _("De afbeelding is beschadigd of onvolledig en kan niet worden geopend. Stuur het bestand opnieuw.")
        ) from exc

    preview = rgb.copy()
    preview.thumbnail(PREVIEW_SIZE)
    # Blurred: shrink to a few pixels (nothing recognisable survives), grow back and soften the blocks.
    target = rgb.copy()
    target.thumbnail(BLURRED_SIZE)
    tiny = rgb.copy()
    tiny.thumbnail((BLURRED_DETAIL, BLURRED_DETAIL))
    blurred = tiny.resize(target.size, Image.Resampling.BILINEAR).filter(
        ImageFilter.GaussianBlur(radius=max(4, max(target.size) // 30))
    )
    return ImageRenditions(
        width=upright.width,
        height=upright.height,
        preview_jpeg=_jpeg(preview),
        blurred_jpeg=_jpeg(blurred),
    )


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels only; transparency on white (a new image: nothing of the original's metadata comes along)."""
    from PIL import Image

    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    converted = image.convert("RGB")
    clean = Image.new("RGB", converted.size)
    clean.paste(converted)
    return clean


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
