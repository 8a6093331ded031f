"""`{% responsive_image %}`: a <picture> with WebP renditions at several widths.

    {% load responsive_images %}
    {% responsive_image page.image widths="320,640,960" sizes="(max-width: 40rem) 100vw, 40rem" %}

The browser picks the smallest WebP that fills the slot; browsers without WebP get the
original format. width/height are set so the page does not jump while images load. All
renditions are fetched in one query (Image.get_renditions).
"""

from django import template

register = template.Library()

DEFAULT_WIDTHS = "400,800,1200"


def _widths(value):
    return sorted({int(width) for width in str(value).split(",") if width.strip()})


def _srcset(renditions):
    seen, parts = set(), []
    for rendition in renditions:
        # width-N never enlarges, so a small original yields the same rendition twice.
        if rendition.width not in seen:
            seen.add(rendition.width)
            parts.append(f"{rendition.url} {rendition.width}w")
    return ", ".join(parts)


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(
    image, widths=DEFAULT_WIDTHS, sizes="100vw", alt=None, css_class="", loading="lazy"
):
    if not image:
        return {"image": None}
    widths = _widths(widths)
    webp_specs = [f"width-{width}|format-webp" for width in widths]
    fallback_specs = [f"width-{width}" for width in widths]
    renditions = image.get_renditions(*webp_specs, *fallback_specs)
    webp = [renditions[spec] for spec in webp_specs]
    fallback = [renditions[spec] for spec in fallback_specs]
    if alt is None:
        alt = getattr(image, "description", "") or image.title
    return {
        "image": image,
        "webp_srcset": _srcset(webp),
        "fallback_srcset": _srcset(fallback),
        "fallback": fallback[-1],
        "sizes": sizes,
        "alt": alt,
        "css_class": css_class,
        "loading": loading,
    }
