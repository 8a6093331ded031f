import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


def make_image(width=1600, height=900, fmt="JPEG", name="photo.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (180, 40, 40)).save(buffer, fmt)
    return Image.objects.create(
        title="社区广场", file=ImageFile(buffer, name=name), width=width, height=height
    )


def render(image, args=""):
    template = Template("{% load responsive_images %}{% responsive_image image " + args + " %}")
    return template.render(Context({"image": image}))


def test_picture_with_webp_sources_and_sized_fallback():
    html = render(make_image(), 'widths="320,640" sizes="50vw" alt="广场"')
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="50vw">', html)
    assert source
    candidates = [c.strip().split() for c in source.group(1).split(",")]
    assert [w for _url, w in candidates] == ["320w", "640w"]
    assert all(url.endswith(".webp") for url, _w in candidates)
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'width="640" height="360"' in img
    assert 'alt="广场"' in img and 'loading="lazy"' in img
    assert ".webp" not in re.search(r'src="([^"]+)"', img).group(1)


def test_small_original_is_not_listed_twice_and_alt_defaults_to_title():
    image = make_image(width=500, height=500, fmt="PNG", name="logo.png")
    html = render(image, 'widths="400,800,1200"')
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [c.split()[1] for c in webp.split(", ")] == ["400w", "500w"]
    assert 'alt="社区广场"' in html


def test_renditions_in_bounded_queries():
    image = make_image()
    widths = 'widths="320,640,960,1280"'
    render(image, widths)  # creates the eight renditions
    image = Image.objects.get(pk=image.pk)
    with CaptureQueriesContext(connection) as queries:
        render(image, widths)
    assert len(queries) <= 1  # one query for all eight, not one each


def test_no_image_renders_nothing():
    assert render(None).strip() == ""
