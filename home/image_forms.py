"""The admin's image form: a damaged file is a form error, not a 500 when the thumbnail is made.

Wagtail checks an upload's type and size from its header; a truncated GIF or JPEG passes
that and fails only when Pillow decodes it for the first rendition. Decoding the first frame
here turns that into an error on the upload form.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm

DAMAGED_MESSAGE = _("This image file is damaged or incomplete. Please save it again and upload it.")


DECODE_ERRORS = (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Wagtail's field reads the size by decoding; a truncated file raises there.
            checked = field.to_python

            def to_python(data):
                try:
                    return checked(data)
                except DECODE_ERRORS:
                    raise ValidationError(DAMAGED_MESSAGE, code="damaged") from None

            field.to_python = to_python

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "seek") and "file" in self.changed_data:
            try:
                upload.seek(0)
                with PILImage.open(upload) as image:
                    image.load()
            except DECODE_ERRORS:
                raise ValidationError(DAMAGED_MESSAGE, code="damaged") from None
            finally:
                upload.seek(0)
        return upload
