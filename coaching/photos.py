"""Coach photos: what an upload must be, and what is kept of it. Pure Pillow, no Django.

The type is read from the content, never from the name or the browser's word for it. What is
kept is a new JPEG drawn from the pixels, at most `MAX_SIDE` pixels on its longest side: the
camera's metadata (EXIF with GPS position, maker notes, ICC profiles) does not survive, and
neither does anything hidden after the image data."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
#: Refuse before decoding: a small file can declare an image of billions of pixels.
MAX_PIXELS = 40_000_000
MAX_SIDE = 800
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


class PhotoError(ValueError):
    """`code` is one of: too_large, not_an_image, wrong_type, too_many_pixels."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def prepared_photo(data: bytes) -> bytes:
    """The JPEG to store for an uploaded photo, or PhotoError saying why not."""
    if len(data) > MAX_BYTES:
        raise PhotoError("too_large")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError("wrong_type")
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError("too_many_pixels")
            image.load()
            return _reencoded(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoError("not_an_image") from error


def _reencoded(image: Image.Image) -> bytes:
    upright = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop EXIF
    if upright.mode in ("RGBA", "LA", "P"):
        upright = upright.convert("RGBA")
        background = Image.new("RGB", upright.size, "white")
        background.paste(upright, mask=upright.getchannel("A"))
        upright = background
    upright = upright.convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    output = io.BytesIO()
    upright.save(output, format="JPEG", quality=85, optimize=True)
    return output.getvalue()
