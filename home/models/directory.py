"""The directory every part of the site refers to: communities, compounds and firms.

A community (社区) holds compounds (小区); a property firm is registered in one
community but may serve compounds in several. All are translatable snippets.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from ..directory_pages import DirectoryPageMixin

# What residents ask a compound's property firm for. The compound directory indexes it (one
# page, not every compound and firm: their identical words would crowd out the answers to
# 电梯坏了找谁), so that such a question finds where each compound's firm and phone are.
FIRM_DUTIES = _(
    "The property firm handles repairs and faults, lifts, water and power, cleaning, greening, "
    "security, parking and fees: report to the firm first."
)


def firm_duties(language_code) -> str:
    with translation.override(language_code):
        return gettext(FIRM_DUTIES)


class Community(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    city = models.CharField(_("city"), max_length=50, blank=True)
    district = models.CharField(_("district"), max_length=50, blank=True)
    subdistrict = models.CharField(_("subdistrict"), max_length=50, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # The community's own contact, shown in the footer of its pages (home/contact.py); the
    # site's settings stand in for whichever of the two groups is left empty.
    organisation = models.CharField(
        _("organisation"),
        max_length=100,
        blank=True,
        help_text=_("E.g. the community's residents' committee, as the footer names it."),
    )
    address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hotline = models.CharField(_("service hotline"), max_length=30, blank=True)
    hotline_hours = models.CharField(_("hotline hours"), max_length=100, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("district"), FieldPanel("subdistrict")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("office_hours")]),
                FieldPanel("email"),
                FieldRowPanel([FieldPanel("hotline"), FieldPanel("hotline_hours")]),
            ],
            heading=_("Contact (in the footer of the community's pages)"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_community_slug_locale")
        ]

    def __str__(self):
        return self.name


class PropertyFirm(DirectoryPageMixin, TranslatableMixin, index.Indexed, models.Model):
    community = models.ForeignKey(
        Community,
        verbose_name=_("registered in community"),
        on_delete=models.PROTECT,
        related_name="property_firms",
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    qualification = models.CharField(
        _("qualification"),
        max_length=100,
        blank=True,
        help_text=_("Licence or qualification grade, as shown on the firm's certificate."),
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    has_party_organisation = models.BooleanField(_("has a party organisation"), default=False)
    is_association_member = models.BooleanField(
        _("member of the property-company association"), default=True
    )

    panels = [
        FieldPanel("community"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("qualification"),
        FieldRowPanel([FieldPanel("contact_person"), FieldPanel("phone")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("has_party_organisation"), FieldPanel("is_association_member")]),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("contact_person"),
        index.SearchField("address"),
        index.RelatedFields("compounds", [index.SearchField("name")]),
        index.SearchField("search_page_title"),
        index.FilterField("locale_id"),
        index.FilterField("community_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("property firm")
        verbose_name_plural = _("property firms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_firm_slug_locale")
        ]

    def __str__(self):
        return self.name

    def search_snippet_text(self):
        """Who to call: a search hit on a firm answers with its contact details."""
        compounds = "、".join(compound.name for compound in self.compounds.all())
        parts = [self.contact_person, self.phone, self.address, compounds]
        return " · ".join(part for part in parts if part)


class Compound(DirectoryPageMixin, TranslatableMixin, index.Indexed, models.Model):
    class CommitteeStatus(models.TextChoices):
        NONE = "none", _("No owners' committee")
        PREPARING = "preparing", _("Being formed")
        IN_OFFICE = "in_office", _("In office")
        RE_ELECTION_DUE = "re_election_due", _("Re-election due")

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="compounds"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    residents = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    buildings = models.PositiveIntegerField(_("buildings"), null=True, blank=True)
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    property_firm = models.ForeignKey(
        PropertyFirm,
        verbose_name=_("property firm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compounds",
    )
    committee_status = models.CharField(
        _("owners' committee status"),
        max_length=20,
        choices=CommitteeStatus.choices,
        default=CommitteeStatus.NONE,
    )
    committee_elected_on = models.DateField(
        _("owners' committee elected on"), null=True, blank=True
    )
    has_neighbourhood_hall = models.BooleanField(_("has a neighbourhood hall"), default=False)
    has_service_station = models.BooleanField(_("has a service station"), default=False)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("community"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("address"),
        FieldRowPanel(
            [
                FieldPanel("households"),
                FieldPanel("residents"),
                FieldPanel("buildings"),
                FieldPanel("year_built"),
            ]
        ),
        FieldPanel("property_firm"),
        MultiFieldPanel(
            [FieldPanel("committee_status"), FieldPanel("committee_elected_on")],
            heading=_("Owners' committee"),
        ),
        FieldRowPanel([FieldPanel("has_neighbourhood_hall"), FieldPanel("has_service_station")]),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.SearchField("description"),
        index.SearchField("search_firm_contact"),
        index.FilterField("locale_id"),
        index.FilterField("community_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("compound")
        verbose_name_plural = _("compounds")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_compound_slug_locale")
        ]

    def __str__(self):
        return self.name

    def search_snippet_text(self):
        """The compound's property firm and its phone: what a resident asking 找谁 needs."""
        firm = self.property_firm
        if firm is None:
            return self.description
        return " · ".join(part for part in (self.search_firm_contact(), self.description) if part)

    def search_firm_contact(self):
        """物业公司：<firm>，电话：<phone> in the compound's language (苗圃 物业电话 finds it)."""
        firm = self.property_firm
        if firm is None:
            return ""
        with translation.override(self.locale.language_code):
            if not firm.phone:
                return gettext("Property firm: %(firm)s") % {"firm": firm.name}
            return gettext("Property firm: %(firm)s, phone: %(phone)s") % {
                "firm": firm.name,
                "phone": firm.phone,
            }


class OwnersCommittee(TranslatableMixin, models.Model):
    compound = models.OneToOneField(
        Compound,
        verbose_name=_("compound"),
        on_delete=models.CASCADE,
        related_name="owners_committee",
    )
    name = models.CharField(_("name"), max_length=150)
    director_title = models.CharField(
        _("director"),
        max_length=50,
        blank=True,
        help_text=_("Role only, for example 主任; names of people are not published."),
    )
    members = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)
    term_starts = models.DateField(_("term starts"), null=True, blank=True)
    term_ends = models.DateField(_("term ends"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_association_member = models.BooleanField(
        _("member of the owners' committee association"), default=True
    )

    panels = [
        FieldPanel("compound"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("director_title"), FieldPanel("members")]),
        FieldRowPanel([FieldPanel("term_starts"), FieldPanel("term_ends")]),
        FieldPanel("phone"),
        FieldPanel("is_association_member"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("owners' committee")
        verbose_name_plural = _("owners' committees")
        ordering = ["name"]

    def __str__(self):
        return self.name
