"""Prepare one photo as a still canvas for a slideshow or a card background.

Every photo goes through Pillow once, whatever it is: EXIF orientation applied,
CMYK and palette images converted to RGB, alpha flattened, huge JPEGs decoded
at a reduced scale (libjpeg's DCT scaling) so an 8000x6000 photo never needs
its full-size bitmap. The result is an RGB PNG of exactly the canvas size that
ffmpeg then moves over (Ken Burns) without ever seeing the original.

HEIC/HEIF (the iPhone's default) is read through pillow-heif, AVIF by Pillow itself;
an animated GIF (or WebP, APNG) shows its first frame.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import io
import os
import stat
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageColor, ImageFilter, ImageOps
from pillow_heif import register_heif_opener

from .errors import InputError, MediaError

register_heif_opener()


def _unmap_freed_bitmaps() -> None:
    """Give a decoded photo's memory back to the system when it is freed. glibc serves
    large blocks after the first one freed from its heap, which it seldom returns:
    a build that prepared four 108 MP photos one after another held all of them
    (1,059 MiB at -j 1; 504 MiB with this). A fixed mmap threshold maps every block
    over 4 MiB (Pillow's are 16 MiB) on its own, unmapped the moment it is freed."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: its allocator decides
        ctypes.CDLL(None).mallopt(-3, 4 * 2**20)  # M_MMAP_THRESHOLD


_unmap_freed_bitmaps()
# Pillow warns past 89 MP and refuses past 178 MP; we allow what it decodes (README).
# Its other remarks (a corrupt EXIF block) `check` reports naming the photo
# (probe_photo); printed raw in the middle of a build they would name nothing.
warnings.filterwarnings("ignore", module=r"(PIL|pillow_heif)(\.|$)")

# photos whose aspect is within this ratio of the frame's fill it (a little is cropped);
# others (portrait, panorama) are shown whole over a fill
COVER_TOLERANCE = 1.25
# the blurred fill is drawn dark so the photo in front stands out
FILL_DARKEN = 0.55

Window = tuple[float, float, float, float]  # x, y, w, h as fractions of the canvas


@dataclass(frozen=True)
class Canvas:
    width: int
    height: int
    fill: str  # "blur" or a colour
    # the part of the canvas visible in every frame; a photo shown whole goes here
    visible: Window = (0.0, 0.0, 1.0, 1.0)
    cover: bool = False  # always cover the canvas (card backgrounds)
    darken: float = 0.0  # 0: as is, 1: black


PHOTO_SUFFIXES = {
    ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff",
    ".heic", ".heif", ".avif", ".gif",
}  # fmt: skip


def list_photos(folder: Path) -> tuple[Path, ...]:
    """The photos in ``folder`` in name order. A name that looks like a photo but is
    not a readable file (a folder named x.jpg, a dangling or looping symlink) stops
    the build naming it, instead of a photo silently missing from the ceremony."""
    try:
        entries = sorted(folder.iterdir())
    except NotADirectoryError:
        raise InputError("not a folder", path=folder) from None
    found = []
    for p in entries:
        if p.suffix.lower() not in PHOTO_SUFFIXES:
            continue
        try:
            st = p.stat()
        except FileNotFoundError:
            raise InputError(
                "a symbolic link to a file that does not exist",
                path=p,
                hint="remove the link or point it at the photo",
            ) from None
        except OSError as e:
            if e.errno != errno.ELOOP:
                raise
            raise InputError(
                "a symbolic link that points back to itself (a loop)",
                path=p,
                hint="remove the link or point it at the photo",
            ) from None
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                "named like a photo but not a file (a folder?)",
                path=p,
                hint="rename it or move it out of the photo folder",
            )
        found.append(p)
    return tuple(found)


def _rgb(colour: str) -> tuple[int, int, int]:
    r, g, b = ImageColor.getrgb(colour)[:3]
    return r, g, b


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Pillow's failures while opening or decoding ``path`` as our errors naming it."""
    try:
        yield
    except Image.DecompressionBombError:
        # Pillow refuses from the header alone, before decoding a pixel
        raise MediaError(
            f"the photo is larger than {2 * (Image.MAX_IMAGE_PIXELS or 0) // 10**6} "
            "megapixels, more than we decode (a damaged file, or a decompression bomb)",
            path=path,
            hint="export it at a smaller size (a slideshow needs about 2 megapixels)",
        ) from None
    except PermissionError:
        raise  # the machine's fault: the CLI says what to fix (exit 4)
    except (OSError, SyntaxError, ValueError) as e:
        raise MediaError(f"cannot read this photo ({e})", path=path) from None


def _orientation(opened: Image.Image) -> int:
    orientation = opened.getexif().get(0x0112, 1)
    return orientation if isinstance(orientation, int) else 1


def _draft(opened: Image.Image, want: tuple[int, int], orientation: int) -> None:
    """Let a JPEG decode at the smallest DCT scale (1/2, 1/4, 1/8) still covering ``want``."""
    if opened.format != "JPEG":
        return
    w, h = want
    if orientation in (5, 6, 7, 8):  # stored sideways: the draft size turns too
        w, h = h, w
    scale = max(w / opened.width, h / opened.height)
    size = (max(1, round(opened.width * scale)), max(1, round(opened.height * scale)))
    opened.draft("RGB", size)


@dataclass(frozen=True)
class PhotoFacts:
    """What ``check`` learns by opening a photo: its upright size, its frames (an
    animated GIF shows the first), and what the decoder remarked on the way."""

    width: int
    height: int
    frames: int
    remarks: tuple[str, ...]


def probe_photo(path: Path) -> PhotoFacts:
    """Open ``path`` as a build will and decode it, at the smallest scale the format
    offers (a JPEG at 1/8; the others have no reduced decode and are decoded whole,
    one photo at a time), so a photo that cannot be read is named before any encode."""
    said = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught, _c_stderr(said):
            warnings.simplefilter("always")
            warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
            with _reading(path), Image.open(path) as opened:
                orientation = _orientation(opened)
                width, height = opened.size
                frames = int(getattr(opened, "n_frames", 1))
                _draft(opened, (1, 1), orientation)
                opened.load()
    except MediaError as e:
        reason = said.getvalue().strip().splitlines()
        if reason:  # libtiff's own words: "ZSTD compression support is not configured"
            e.message = e.message.removesuffix(")") + f": {reason[-1]})"
        raise
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    # Python warnings and what C libraries printed (libtiff: "Unknown field with tag")
    said_lines = [line.strip() for line in said.getvalue().splitlines() if line.strip()]
    remarks = tuple(dict.fromkeys([*(str(w.message) for w in caught), *said_lines]))
    return PhotoFacts(width, height, frames, remarks)


@contextlib.contextmanager
def _c_stderr(said: io.StringIO) -> Iterator[None]:
    """What C libraries (libtiff) write to file descriptor 2 meanwhile, kept from the
    user's terminal and handed over. Only for ``check``'s one-photo-at-a-time probe:
    the descriptor is the process's, shared by every thread."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            said.write(sink.read(64 * 1024).decode("utf-8", "replace"))


# past this enlargement a photo looks soft on a large screen
MAX_ENLARGEMENT = 2.0


def shown_scale(size: tuple[int, int], frame: tuple[int, int], zoom: float, cover: bool) -> float:
    """How many times a photo of ``size`` is enlarged on a ``frame``-sized screen at the
    most zoomed-in moment: covering the frame (times the Ken Burns zoom, whose canvas
    is ``zoom`` times the frame) when its aspect is close (see ``prepare_photo``),
    else shown whole inside it."""
    (w, h), (fw, fh) = size, frame
    ratio = (w / h) / (fw / fh)
    if cover or max(ratio, 1 / ratio) <= COVER_TOLERANCE:
        return zoom * max(fw / w, fh / h)
    return min(fw / w, fh / h)


def _open(path: Path, want: tuple[int, int]) -> Image.Image:
    """Decode ``path`` no larger than needed to cover ``want``, upright, as RGB."""
    with _reading(path):
        opened = Image.open(path)
        orientation = _orientation(opened)
        _draft(opened, want, orientation)
        opened.load()
    im: Image.Image = opened
    if orientation != 1:
        im = ImageOps.exif_transpose(opened)
        opened.close()  # frees the sideways bitmap now: a copy of a 100 MP photo is 400 MB
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        if im.mode != "RGBA":
            im = im.convert("RGBA")
        flat = Image.new("RGB", im.size, (0, 0, 0))
        flat.paste(im, mask=im)  # its alpha band, without a copy of it
        return flat
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale PNG
        im = im.point(lambda v: v / 256).convert("L")
    # CMYK (Pillow undoes Adobe's inversion), L, P, YCbCr; RGB as is (no copy)
    return im if im.mode == "RGB" else im.convert("RGB")


# bytes a pixel in Pillow's memory: every mode of more than one band takes four
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2}


def photo_memory(path: Path, canvas: Canvas) -> int:
    """Bytes ``prepare_photo`` holds at its peak for ``path``, from the header alone:
    the bitmap as decoded (a JPEG at its draft scale), its upright and RGB copies, the
    resize's reduced copy and the canvases. 0 for a file that does not open: its
    task fails at once."""
    try:
        with Image.open(path) as im:
            orientation = _orientation(im)
            _draft(im, (canvas.width, canvas.height), orientation)  # sets the decoded size
            pixels, mode = im.width * im.height, im.mode
            alpha = mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return 0
    decoded = _PIXEL_BYTES.get(mode, 4)
    held = decoded
    if orientation != 1:
        held += decoded  # both exist while turning
    if alpha:
        held += (4 if mode != "RGBA" else 0) + 4  # RGBA copy, the flat RGB
    elif mode != "RGB":
        held += 4 + (1 if decoded == 2 else 0)  # RGB copy (16-bit: through 8-bit L)
    held += 1  # reduce() before the Lanczos pass: at most a quarter of the RGB
    canvases = canvas.width * canvas.height * 4 * 3  # fill, fitted photo, result
    return int(pixels * held + canvases + 32 * 2**20)


def _cover(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to cover ``size``, centre cropped; resizing a box avoids a cropped copy."""
    scale = max(size[0] / im.width, size[1] / im.height)
    bw, bh = min(im.width, size[0] / scale), min(im.height, size[1] / scale)
    x0, y0 = max(0.0, (im.width - bw) / 2), max(0.0, (im.height - bh) / 2)
    box = (x0, y0, x0 + bw, y0 + bh)
    return im.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _fit(im: Image.Image, box: tuple[int, int]) -> Image.Image:
    scale = min(box[0] / im.width, box[1] / im.height)
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _darken(im: Image.Image, amount: float) -> Image.Image:
    if amount <= 0:
        return im
    return Image.blend(im, Image.new("RGB", im.size, (0, 0, 0)), amount)


def prepare_photo(source: Path, canvas: Canvas, out: Path) -> None:
    """Write ``source`` as an RGB PNG of the canvas size, never stretched."""
    cw, ch = canvas.width, canvas.height
    im = _open(source, (cw, ch))
    ratio = (im.width / im.height) / (cw / ch)
    if canvas.cover or max(ratio, 1 / ratio) <= COVER_TOLERANCE:
        result = _darken(_cover(im, (cw, ch)), canvas.darken)
    else:
        if canvas.fill == "blur":
            # blur a small copy: cheap, and the enlargement smooths it further
            small = _cover(im, (max(2, cw // 16), max(2, ch // 16)))
            small = small.filter(ImageFilter.GaussianBlur(2))
            back = _darken(small.resize((cw, ch), Image.Resampling.BICUBIC), FILL_DARKEN)
        else:
            back = Image.new("RGB", (cw, ch), _rgb(canvas.fill))
        vx, vy, vw, vh = canvas.visible
        box = (round(vw * cw), round(vh * ch))
        photo = _fit(im, box)
        left = round(vx * cw + (box[0] - photo.width) / 2)
        top = round(vy * ch + (box[1] - photo.height) / 2)
        back.paste(photo, (left, top))
        result = _darken(back, canvas.darken)
    result.save(out, "PNG", compress_level=1)
