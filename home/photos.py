"""Uploaded photos (residents' reports, inspection findings): checked, re-encoded by Pillow and
stripped of everything but the pixels. Moved here from cases/ so that every feature shares it;
its messages are still translated in cases' catalogue.

A phone photo carries the place it was taken (GPS), the phone's make and often the owner's
name in its metadata; none of that may reach staff screens or backups. So a photo is never
stored as uploaded: it is decoded (JPEG, PNG, or the HEIC that iPhones send, through
pillow-heif), turned upright by its orientation tag, scaled down, and saved as a new JPEG
built from the pixels alone.
"""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

MAX_PHOTOS = 3
MAX_BYTES = 8 * 1024 * 1024
# Checked before decoding: a small file can claim a huge canvas (a decompression bomb).
MAX_PIXELS = 40_000_000
# The longest side kept: enough to read a meter or a crack, small enough to store.
MAX_EDGE = 2000
JPEG_QUALITY = 85
ACCEPTED_FORMATS = {"JPEG", "PNG", "HEIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif"

TOO_LARGE = _("%(name)s is larger than 8 MB. Please choose a smaller photo.")
NOT_A_PHOTO = _("%(name)s is not a photo we can read. Please send a JPEG, PNG or HEIC photo.")
TOO_MANY = _("Please choose at most %(count)d photos.")


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int


def clean_photo(upload):
    """The upload as a `CleanPhoto`, or a ValidationError that names the file."""
    name = getattr(upload, "name", "") or _("The photo")
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large", params={"name": name})
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns about a large canvas below its hard limit; refuse it here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_A_PHOTO, code="format", params={"name": name})
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(TOO_LARGE, code="too_large", params={"name": name})
            image.load()
            return _reencode(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_LARGE, code="too_large", params={"name": name}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(NOT_A_PHOTO, code="invalid", params={"name": name}) from None


def _reencode(image):
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info):
        # A transparent screenshot goes onto white, as it looked on the phone.
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = upright.convert("RGB")
    flat.thumbnail((MAX_EDGE, MAX_EDGE))
    # A new image from the raw pixels: no EXIF, GPS, XMP, ICC or text chunk survives.
    bare = Image.frombytes("RGB", flat.size, flat.tobytes())
    buffer = io.BytesIO()
    bare.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(buffer.getvalue(), bare.width, bare.height)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": ACCEPT_ATTRIBUTE, **(attrs or {})})


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS photos from one <input type=file multiple>; cleans to CleanPhotos."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            uploads = [item for item in data if item]
        else:
            uploads = [data] if data else []
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(TOO_MANY, code="too_many", params={"count": MAX_PHOTOS})
        errors, photos = [], []
        for upload in uploads:
            try:
                photos.append(clean_photo(upload))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return photos
