"""Bounded uploads (issue 12 point 3): the pixel limit and decoding in a capped child process."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from tests.factories import image_bytes
from weerbaar.core import imaging
from weerbaar.core.errors import InvalidInput, RateLimited
from weerbaar.incidents import files


@pytest.fixture(autouse=True)
def decoder_in_a_child_process(settings):
    """What production does (the rest of the suite decodes in the test process, for speed)."""
    settings.IMAGE_DECODER_IN_PROCESS = False


def png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 255) if mode == "RGBA" else (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_the_hostile_png_of_the_finding_is_refused_before_it_is_decoded():
    # 7,071 x 7,071 RGBA of one colour: 207 KiB that decode to 200 MB (issue 12, finding 3).
    out = io.BytesIO()
    Image.new("RGBA", (7071, 7071), (200, 30, 30, 255)).save(out, format="PNG", compress_level=9)
    assert len(out.getvalue()) < 250 * 1024
    with pytest.raises(InvalidInput, match="te groot om veilig te openen \\(meer dan 40 megapixel\\)"):
        files.image_renditions(out.getvalue())


def test_the_pixel_limit_is_a_setting(settings):
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 100 * 100
    assert files.image_renditions(png((100, 100))).width == 100
    with pytest.raises(InvalidInput, match="te groot"):
        files.image_renditions(png((101, 100)))


def test_images_are_decoded_in_another_process(monkeypatch):
    """Pillow made unusable in this process: the renditions still come, so they are not made here."""

    def broken(*args, **kwargs):
        raise AssertionError("an image was decoded in the web process")

    monkeypatch.setattr(Image, "open", broken)
    renditions = files.image_renditions(image_bytes("PNG", size=(300, 200)))
    assert (renditions.width, renditions.height) == (300, 200)
    assert renditions.preview_jpeg.startswith(b"\xff\xd8")


def test_the_decoder_runs_out_of_its_capped_memory_not_the_workers(settings):
    # 4,000 x 4,000 RGBA decodes to 64 MB: more than a decoder capped at 64 MB of address space can hold.
    settings.IMAGE_DECODER_MEMORY_BYTES = 64 * 1024 * 1024
    with pytest.raises(InvalidInput, match="te zwaar om te verwerken"):
        files.image_renditions(png((4000, 4000)))
    settings.IMAGE_DECODER_MEMORY_BYTES = 384 * 1024 * 1024
    assert files.image_renditions(png((4000, 4000))).width == 4000


def test_a_large_image_keeps_renditions_small_and_upright():
    image = Image.new("RGB", (4000, 3000), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the preview is upright, the size is the upright size
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=70)
    renditions = files.image_renditions(out.getvalue())
    assert (renditions.width, renditions.height) == (3000, 4000)
    with Image.open(io.BytesIO(renditions.preview_jpeg)) as preview:
        assert preview.size == (1200, 1600)
        assert not preview.getexif()
    with Image.open(io.BytesIO(renditions.blurred_jpeg)) as blurred:
        assert max(blurred.size) == 480


def test_a_truncated_large_jpeg_is_still_refused_when_decoded_scaled_down():
    out = io.BytesIO()
    Image.effect_noise((3200, 3200), 60).convert("RGB").save(out, format="JPEG")
    with pytest.raises(InvalidInput, match="beschadigd"):
        files.image_renditions(out.getvalue()[: len(out.getvalue()) // 2])


def test_a_transparent_large_png_is_flattened_on_white_band_by_band():
    image = Image.new("RGBA", (3300, 2000), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 1000, 3300, 2000))  # the lower half opaque blue
    out = io.BytesIO()
    image.save(out, format="PNG")
    with Image.open(io.BytesIO(files.image_renditions(out.getvalue()).preview_jpeg)) as preview:
        assert preview.size == (1600, 970)
        top, bottom = preview.getpixel((800, 100)), preview.getpixel((800, 900))
    assert min(top) >= 245
    assert bottom[2] >= 230
    assert bottom[0] <= 20


def test_no_more_decoders_at_once_than_the_setting_allows(monkeypatch):
    slots, admitted = threading.BoundedSemaphore(1), threading.BoundedSemaphore(2)
    monkeypatch.setattr(imaging, "_decoders", slots)
    monkeypatch.setattr(imaging, "_admitted", admitted)
    slots.acquire()  # another upload is being decoded
    try:
        with pytest.raises(imaging.ImageRefused) as refused:
            imaging.renditions_isolated(image_bytes("PNG"), wait_seconds=0)
        assert refused.value.kind == "busy"
    finally:
        slots.release()
    assert imaging.renditions_isolated(image_bytes("PNG"), wait_seconds=0).width == 64


def test_uploads_past_the_waiting_room_are_refused_at_once_keeping_threads_free(monkeypatch):
    slots, admitted = threading.BoundedSemaphore(1), threading.BoundedSemaphore(2)
    monkeypatch.setattr(imaging, "_decoders", slots)
    monkeypatch.setattr(imaging, "_admitted", admitted)
    admitted.acquire()
    admitted.acquire()  # one upload decoding, one waiting
    try:
        with pytest.raises(imaging.ImageRefused) as refused:
            imaging.renditions_isolated(image_bytes("PNG"), wait_seconds=3600)  # would wait an hour if admitted
        assert refused.value.kind == "busy"
    finally:
        admitted.release()
        admitted.release()
    full = threading.BoundedSemaphore(1)
    full.acquire()
    monkeypatch.setattr(imaging, "_admitted", full)
    with pytest.raises(RateLimited, match="Probeer het over een minuut opnieuw") as busy:
        files.image_renditions(image_bytes("PNG"))
    assert busy.value.retry_after == 60


@pytest.mark.parametrize(
    ("returncode", "out"),
    [(1, b""), (-9, b""), (0, b"not json\n"), (0, b'{"width": 1, "height": 1, "preview": 10, "blurred": 10}\nshort')],
)
def test_a_crashed_or_garbled_decoder_is_a_refusal_not_an_error(returncode, out):
    with pytest.raises(imaging.ImageRefused) as refused:
        imaging._parse_answer(returncode, out)
    assert refused.value.kind == "unprocessable"
