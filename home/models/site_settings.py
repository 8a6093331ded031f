from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..generation import derived


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in every page footer, editable per site."""

    organisation = models.CharField(
        _("organisation"), max_length=100, blank=True, help_text=_("Shown in the footer.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    hotline = models.CharField(_("service hotline"), max_length=30, blank=True)
    hotline_hours = models.CharField(_("hotline hours"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("office_hours"), FieldPanel("email")],
            heading=_("Office"),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("hotline_hours")], heading=_("Service hotline")
        ),
    ]

    class Meta:
        verbose_name = _("contact details")

    @classmethod
    def for_site(cls, site):
        """Read once per content generation (a save of the settings bumps it; home/lookups)."""
        parent = super().for_site
        return derived(f"site-settings:{site.pk if site else 0}", lambda: parent(site))
