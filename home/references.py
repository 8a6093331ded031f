"""Reference codes residents are given (bookings, reports): short, and safe to read aloud."""

import secrets
import unicodedata

# No 0/O, 1/I/L: a reference read out over the phone cannot be misheard or mistyped.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(value):
    """What the resident typed, as stored: upper case ASCII letters and digits only.

    NFKC first, so full-width characters count as the ASCII ones they look like.
    """
    text = unicodedata.normalize("NFKC", value or "").upper()
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def display_reference(reference):
    """XXXX-XXXX, as printed and texted."""
    return f"{reference[:4]}-{reference[4:]}"


def unused_reference(model, field="reference", attempts=20):
    """A fresh reference no row of `model` holds yet."""
    for _attempt in range(attempts):
        reference = new_reference()
        if not model._default_manager.filter(**{field: reference}).exists():
            return reference
    raise RuntimeError("Could not find an unused reference")
