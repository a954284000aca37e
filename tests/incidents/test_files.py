"""File checks of the evidence vault: type by content, safe names, images decoded and cleaned."""

from __future__ import annotations

import io
import struct
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image

from tests.factories import image_bytes, minimal_pdf
from weerbaar.core.errors import InvalidInput
from weerbaar.incidents import files

WAV = (
    b"RIFF"
    + struct.pack("<I", 36)
    + b"WAVEfmt "
    + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 8000, 1, 8)
    + b"data\0\0\0\0"
)
MP4 = struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2" + struct.pack(">I", 8) + b"free"
M4A = struct.pack(">I", 24) + b"ftypM4A " + struct.pack(">I", 512) + b"M4A isom" + struct.pack(">I", 8) + b"free"
MOV = struct.pack(">I", 20) + b"ftypqt  " + struct.pack(">I", 512) + b"qt  " + struct.pack(">I", 8) + b"free"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64" + b"\x00" * 400
EML = (
    b"Received: from mx\r\nFrom: a@b.nl\r\nTo: c@d.nl\r\nSubject: dreiging\r\n"
    b"Date: Mon, 1 Jan 2026 10:00:00 +0100\r\n\r\nBody\r\n"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (image_bytes("PNG"), "image/png"),
        (image_bytes("JPEG"), "image/jpeg"),
        (image_bytes("GIF"), "image/gif"),
        (image_bytes("WEBP"), "image/webp"),
        (minimal_pdf(), "application/pdf"),
        ("Notities over het incident, één\n".encode(), "text/plain"),
        (EML, "message/rfc822"),
        (WAV, "audio/wav"),
        (MP3, "audio/mpeg"),
        (M4A, "audio/mp4"),
        (MP4, "video/mp4"),
        (MOV, "video/quicktime"),
    ],
)
def test_type_comes_from_content(data, expected):
    assert files.detect_media_type(data) == expected


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "nemen we niet aan"),  # a Windows program named foto.jpg
        (b"PK\x03\x04" + b"\x00" * 30, "nemen we niet aan"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "niet aan"),
        (b"<html><body>x</body></html>", "webpagina"),
        (b"", "leeg"),
    ],
)
def test_refused_types_say_why(data, fragment):
    with pytest.raises(InvalidInput) as exc:
        files.detect_media_type(data)
    assert fragment in exc.value.message
    assert exc.value.invalid_params[0]["name"] == "file"


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..\\..\\boot.ini",
        "/etc/shadow",
        "map/foto.jpg",
        "..",
        ".",
        "",
        "   ",
        "foto\x00.jpg",
        "a\u202egpj.exe",
        "regel\u2028twee.png",  # a line separator
    ],
)
def test_unsafe_names_are_refused(name):
    with pytest.raises(InvalidInput):
        files.check_file_name(name)


def test_odd_spaces_become_plain_spaces():
    assert files.check_file_name("foto\u00a0van\u3000mij.png") == "foto van mij.png"


def test_plain_names_are_kept():
    assert (
        files.check_file_name("  Schermafbeelding 2026-11-20 om 22.41.png ")
        == "Schermafbeelding 2026-11-20 om 22.41.png"
    )
    assert files.check_file_name("bericht..txt") == "bericht..txt"


@given(st.text(min_size=1, max_size=80))
@example("0\u16800")  # an ogham space mark, found by hypothesis in CI
@example("a\u2029b")
def test_an_accepted_name_never_holds_a_path_or_control_character(name):
    try:
        accepted = files.check_file_name(name)
    except InvalidInput:
        return
    assert "/" not in accepted
    assert "\\" not in accepted
    assert accepted not in {".", ".."}
    assert all(unicodedata.category(c)[0] != "C" for c in accepted)  # no control or format characters
    assert all(c == " " or not c.isspace() for c in accepted)  # the only white space is a plain space


def test_preview_drops_exif_and_keeps_orientation():
    image = Image.new("RGB", (80, 40), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the preview is upright
    exif[0x013B] = "Sam de Vries"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    renditions = files.image_renditions(out.getvalue())
    assert (renditions.width, renditions.height) == (40, 80)
    for data in (renditions.preview_jpeg, renditions.blurred_jpeg):
        assert b"Sam de Vries" not in data
        with Image.open(io.BytesIO(data)) as img:
            assert not img.getexif()


def test_blurred_rendition_is_not_the_preview():
    stripes = Image.new("RGB", (200, 200), (255, 255, 255))
    for x in range(0, 200, 4):
        for y in range(200):
            stripes.putpixel((x, y), (0, 0, 0))
    out = io.BytesIO()
    stripes.save(out, format="PNG")
    renditions = files.image_renditions(out.getvalue())
    with Image.open(io.BytesIO(renditions.blurred_jpeg)) as blurred:
        low, high = blurred.convert("L").getextrema()
    assert high - low < 40  # the stripes are gone


def test_transparent_png_becomes_white_background():
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    with Image.open(io.BytesIO(files.image_renditions(out.getvalue()).preview_jpeg)) as preview:
        assert preview.convert("RGB").getpixel((5, 5)) >= (250, 250, 250)


@pytest.mark.parametrize("cut", [20, 60, -30])
def test_corrupt_or_truncated_image_is_refused(cut):
    data = image_bytes("JPEG", size=(200, 200))
    broken = data[:cut]
    with pytest.raises(InvalidInput, match="beschadigd"):
        files.image_renditions(broken)


def test_decompression_bomb_is_refused():
    # A tiny PNG that claims 20000 x 20000 pixels.
    image = Image.new("1", (20000, 20000))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    with pytest.raises(InvalidInput, match="te groot"):
        files.image_renditions(out.getvalue())
