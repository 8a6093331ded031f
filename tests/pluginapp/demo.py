from wagtail.contrib.redirects.models import Redirect

OLD_PATH = "/pluginapp-demo"


def load(context):
    """Leaves a trace that the test can find: a redirect to the home page home's loader built."""
    Redirect.objects.get_or_create(old_path=OLD_PATH, defaults={"redirect_page": context["home"]})
