"""WeasyPrint on first use, without loosening Pillow for the evidence checks.

WeasyPrint (with fontTools, pydyf, cssselect2, tinycss2, pyphen) takes about 40 MB of a process and only the
PDFs need it, so a web worker imports it when it makes its first PDF, not at start-up.

Importing WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES = True``
(``weasyprint/images.py``), after which a truncated image decodes "fine" with grey padding. Evidence must be
refused instead (``incidents.files``). So ``load_weasyprint()`` imports it under a lock and switches the flag
back, and ``strict_pillow()`` decodes under that same lock until WeasyPrint is loaded: no image is checked in
one thread while the import in another has the flag flipped. Once WeasyPrint is loaded nothing flips the flag
again, and decoding takes no lock.

A module that imports WeasyPrint calls ``load_weasyprint()`` before its ``from weasyprint import ...`` lines
(``guidance.pdf``), and is itself imported only where a PDF is made.

Evidence images are decoded in a child process (``renditions_isolated``), never in a web worker: a 207 KiB PNG
can decode to 200 MB, and a decoder is the part of a server that parses what an attacker sent. The child runs
``python -I`` with this module's ``_child`` (``-I``: no PYTHONPATH, user site or current directory), which caps
its own address space and CPU time (``resource.setrlimit``) before it reads a byte, refuses an image over the
pixel limit from its header (before decoding), decodes JPEGs already scaled down (``draft``), and makes the
renditions from the decoded frame band by band, so it holds one decoded frame (at most 4 bytes a pixel) and
small copies. Each process runs at most ``IMAGE_DECODERS_PER_PROCESS`` children at once, lets as many uploads
wait and refuses more at once ("busy"); a worker thread only waits on a pipe meanwhile (the GIL is free), and
the worker's other threads keep answering other requests.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pillow is imported where an image is decoded, not when a worker starts
    from PIL import Image

_lock = threading.Lock()
_weasyprint_loaded = False


def load_weasyprint() -> None:
    """Import WeasyPrint (once per process) and keep Pillow refusing truncated images."""
    global _weasyprint_loaded
    if _weasyprint_loaded:
        return
    with _lock:
        if _weasyprint_loaded:
            return
        import weasyprint  # noqa: F401 - the import is the point: it runs under the lock
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = False
        _weasyprint_loaded = True


@contextmanager
def strict_pillow() -> Iterator[None]:
    """Decode images inside this block with truncated ones refused (Pillow raises on them)."""
    from PIL import ImageFile

    if _weasyprint_loaded:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        yield
        return
    with _lock:  # WeasyPrint not loaded yet: its import (and its flip of the flag) waits for this block
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        yield


# --- evidence renditions, decoded in a child process ------------------------------------------------------


@dataclass(frozen=True)
class Renditions:
    width: int  # of the original, upright
    height: int
    preview_jpeg: bytes
    blurred_jpeg: bytes


@dataclass(frozen=True)
class Limits:
    max_pixels: int
    memory_bytes: int
    cpu_seconds: int
    preview_size: tuple[int, int] = (1600, 1600)
    blurred_size: tuple[int, int] = (480, 480)
    blurred_detail: int = 12  # pixels along the long side before the blurred rendition is grown back


class ImageRefused(Exception):
    """The image cannot be taken: ``kind`` is ``too_large`` (pixels), ``damaged`` (corrupt or truncated),
    ``unprocessable`` (the decoder ran out of its memory or time) or ``busy`` (no decoder free in time)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def limits_from_settings() -> Limits:
    from django.conf import settings

    return Limits(
        max_pixels=int(settings.EVIDENCE_MAX_IMAGE_PIXELS),
        memory_bytes=int(settings.IMAGE_DECODER_MEMORY_BYTES),
        cpu_seconds=int(settings.IMAGE_DECODER_SECONDS),
    )


_decoders: threading.BoundedSemaphore | None = None  # decoders running in this process
_admitted: threading.BoundedSemaphore | None = None  # running or waiting: twice the decoders
_decoders_lock = threading.Lock()


def _decoder_slots() -> tuple[threading.BoundedSemaphore, threading.BoundedSemaphore]:
    global _decoders, _admitted
    with _decoders_lock:
        if _decoders is None or _admitted is None:
            from django.conf import settings

            count = max(1, int(settings.IMAGE_DECODERS_PER_PROCESS))
            _decoders, _admitted = threading.BoundedSemaphore(count), threading.BoundedSemaphore(2 * count)
        return _decoders, _admitted


def renditions_isolated(data: bytes, limits: Limits | None = None, *, wait_seconds: float = 60) -> Renditions:
    """``renditions(data)`` in a child process with capped memory and CPU time (see the module docstring).

    As many uploads as there are decoders may wait for one; any more are refused at once (``busy``), so image
    uploads never hold more than twice that many of a worker's threads and the others keep serving requests.
    """
    limits = limits or limits_from_settings()
    from django.conf import settings

    if getattr(settings, "IMAGE_DECODER_IN_PROCESS", False):
        # The test suite only (tests/settings.py; never read from the environment): the same decoding without a
        # process start per image, which costs 0.1-0.4 s and the suite decodes hundreds of images. The tests of
        # the isolation itself (tests/incidents/test_upload_bounds.py) switch it off.
        return renditions(data, limits)
    slots, admitted = _decoder_slots()
    if not admitted.acquire(blocking=False):
        raise ImageRefused("busy")
    try:
        if not slots.acquire(timeout=wait_seconds):
            raise ImageRefused("busy")
        try:
            return _run_child(data, limits)
        finally:
            slots.release()
    finally:
        admitted.release()


def _run_child(data: bytes, limits: Limits) -> Renditions:
    argument = json.dumps(
        {
            "maxPixels": limits.max_pixels,
            "memoryBytes": limits.memory_bytes,
            "cpuSeconds": limits.cpu_seconds,
            "preview": list(limits.preview_size),
            "blurred": list(limits.blurred_size),
            "detail": limits.blurred_detail,
        }
    )
    try:
        done = subprocess.run(  # noqa: S603 - our interpreter, our module, a JSON argument; the data on stdin
            [sys.executable, "-I", "-c", _CHILD_MAIN, _SOURCE_ROOT, argument],
            input=data,
            capture_output=True,
            timeout=limits.cpu_seconds + 10,
            check=False,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired as exc:
        raise ImageRefused("unprocessable") from exc
    return _parse_answer(done.returncode, done.stdout)


# The child imports this module from the same source tree as the worker, installed or not: ``-I`` (isolated: no
# PYTHONPATH, no user site, no current directory) keeps everything else out.
_SOURCE_ROOT = str(Path(__file__).resolve().parents[2])
_CHILD_MAIN = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from weerbaar.core.imaging import _child; sys.exit(_child(sys.argv[2]))"
)


def _parse_answer(returncode: int, out: bytes) -> Renditions:
    header, _, rest = out.partition(b"\n")
    try:
        answer = json.loads(header) if header else {}
    except ValueError:
        answer = {}
    if returncode != 0 or not isinstance(answer, dict):
        raise ImageRefused("unprocessable")
    if "refused" in answer:
        raise ImageRefused(str(answer["refused"]))
    try:
        preview_length, blurred_length = int(answer["preview"]), int(answer["blurred"])
        width, height = int(answer["width"]), int(answer["height"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ImageRefused("unprocessable") from exc
    if len(rest) != preview_length + blurred_length:
        raise ImageRefused("unprocessable")
    return Renditions(width, height, rest[:preview_length], rest[preview_length:])


# The EXIF orientation tag's values and the transposition that makes the image upright (ImageOps.exif_transpose).
_ORIENTATION = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270"}
_ORIENTATION |= {7: "TRANSVERSE", 8: "ROTATE_90"}
BAND_PIXELS = 1_000_000  # pixels of the decoded frame converted at a time


def renditions(data: bytes, limits: Limits) -> Renditions:
    """A metadata-free preview and a blurred rendition of ``data``; refuses damaged and too large images.

    Runs in the child process (``renditions_isolated``); it holds the decoded frame and small copies only.
    """
    from PIL import Image, ImageFilter

    try:
        with strict_pillow(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = limits.max_pixels
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size  # from the header: nothing decoded yet
                if width * height > limits.max_pixels:
                    raise ImageRefused("too_large")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                orientation = image.getexif().get(0x0112, 1)
                longest = max(limits.preview_size)
                if image.format == "JPEG":  # decoded at 1/2, 1/4 or 1/8 scale where that still exceeds the preview
                    image.draft("RGB", (longest, longest))
                image.load()
                small = _reduced_rgb(image, 2 * longest)
                image.close()  # frees the decoded frame now, not when the function returns
    except ImageRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageRefused("too_large") from exc
    except MemoryError as exc:
        raise ImageRefused("unprocessable") from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError … for damaged files
        raise ImageRefused("damaged") from exc

    if orientation in _ORIENTATION:
        small = small.transpose(getattr(Image.Transpose, _ORIENTATION[orientation]))
        if orientation >= 5:
            width, height = height, width
    # Blurred: shrink to a few pixels (nothing recognisable survives), grow back and soften the blocks.
    target = _fit(small.size, limits.blurred_size)
    tiny = small.resize(_fit(small.size, (limits.blurred_detail, limits.blurred_detail)), Image.Resampling.BICUBIC)
    blurred = tiny.resize(target, Image.Resampling.BILINEAR).filter(
        ImageFilter.GaussianBlur(radius=max(4, max(target) // 30))
    )
    preview_size = _fit(small.size, limits.preview_size)
    preview = small if preview_size == small.size else small.resize(preview_size, Image.Resampling.LANCZOS)
    return Renditions(width, height, _jpeg(preview), _jpeg(blurred))


def _fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled down to fit in ``box``, keeping its proportions (never enlarged, never 0)."""
    width, height = size
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reduced_rgb(image: Image.Image, longest: int) -> Image.Image:
    """RGB pixels on white, reduced by a whole factor to about ``longest`` on the long side; a new image.

    Converted band by band: a full-size RGB (or premultiplied RGBA) copy of a 40-megapixel frame would take
    another 160 MB. Nothing of the original's metadata comes along (the bands are pasted into a new image).
    """
    from PIL import Image

    width, height = image.size
    factor = max(1, -(-max(width, height) // longest))  # rounded up: the result is at most ``longest``
    out = Image.new("RGB", (-(-width // factor), -(-height // factor)), (255, 255, 255))
    rows = max(factor, (BAND_PIXELS // max(1, width)) // factor * factor)
    y = 0
    while y < height:
        band = _flatten(image.crop((0, y, width, min(height, y + rows))))
        if factor > 1:
            band = band.reduce(factor)
        out.paste(band, (0, y // factor))
        y += rows
    return out


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels only; transparency on white."""
    from PIL import Image

    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def _child(argument: str) -> int:
    """The child process: cap memory and CPU time, read the image from stdin, write the answer to stdout."""
    import resource

    options: dict[str, Any] = json.loads(argument)
    memory, cpu = int(options["memoryBytes"]), int(options["cpuSeconds"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    limits = Limits(
        max_pixels=int(options["maxPixels"]),
        memory_bytes=memory,
        cpu_seconds=cpu,
        preview_size=(int(options["preview"][0]), int(options["preview"][1])),
        blurred_size=(int(options["blurred"][0]), int(options["blurred"][1])),
        blurred_detail=int(options["detail"]),
    )
    data = sys.stdin.buffer.read()
    try:
        made = renditions(data, limits)
    except ImageRefused as refused:
        sys.stdout.buffer.write(json.dumps({"refused": refused.kind}).encode() + b"\n")
        return 0
    header = {"width": made.width, "height": made.height, "preview": len(made.preview_jpeg)}
    header["blurred"] = len(made.blurred_jpeg)
    sys.stdout.buffer.write(json.dumps(header).encode() + b"\n" + made.preview_jpeg + made.blurred_jpeg)
    return 0


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1]))
