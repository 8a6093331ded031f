from django.conf import settings


def text_size(request):
    """Expose the reader's text-size choice so base.html can scale the type."""
    return {"text_large": request.COOKIES.get(settings.TEXT_SIZE_COOKIE) == "large"}
