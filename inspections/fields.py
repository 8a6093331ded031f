"""A finding's photo: stored only after home/photos.py has re-encoded it without metadata."""

import uuid

from django import forms
from django.core.files.base import ContentFile
from django.db import models

from home.photos import ACCEPT_ATTRIBUTE, clean_photo


class CleanPhotoFormField(forms.FileField):
    """An upload re-encoded by Pillow: no EXIF, GPS or original file name reaches the disk."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        photo = clean_photo(upload)
        # A random name: the phone's file name can carry a date or the owner's name.
        return ContentFile(photo.content, name=f"{uuid.uuid4().hex}.jpg")


class CleanPhotoField(models.ImageField):
    def formfield(self, **kwargs):
        kwargs["form_class"] = CleanPhotoFormField
        kwargs.pop("widget", None)
        return super().formfield(**kwargs)
