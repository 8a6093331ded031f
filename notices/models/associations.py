"""The two associations that govern the compounds together with the party branch.

社区业主委员会协会 gathers the owners' committees, 社区物业公司协会 the property firms. Each has
duties, officers (by role: names of people are not published in full), member organisations
taken from the directory, and its charter as a child `RegulationPage`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.masking import mask_name
from home.models import Compound, OwnersCommittee, PropertyFirm
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q


def localized_objects(queryset, objects, locale_id):
    """`objects` replaced by their translations (from `queryset`) in `locale_id` where one
    exists, else kept as they are; at most one query."""
    objects = list(objects)
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
    if not keys:
        return objects
    translated = {
        obj.translation_key: obj
        for obj in queryset.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [
        obj if obj.locale_id == locale_id else translated.get(obj.translation_key, obj)
        for obj in objects
    ]


class AssociationPage(AsciiSlugMixin, Page):
    class Kind(models.TextChoices):
        OWNERS_COMMITTEES = "owners_committees", _("Owners' committee association")
        PROPERTY_FIRMS = "property_firms", _("Property-company association")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("For example 业委会协会.")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(
        _("office phone"),
        max_length=30,
        blank=True,
        help_text=_("An office line, not a person's mobile."),
    )
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("short_name"), FieldPanel("founded_on")]),
        FieldPanel("intro"),
        InlinePanel("duties", heading=_("Duties"), label=_("duty"), min_num=1),
    ]
    people_panels = [
        InlinePanel(
            "officers",
            heading=_("Officers"),
            label=_("officer"),
            help_text=_("Roles and organisations are public; names are shown masked."),
        ),
        InlinePanel(
            "committee_members",
            heading=_("Member owners' committees"),
            label=_("owners' committee"),
            help_text=_("Only for the owners' committee association."),
        ),
        InlinePanel(
            "firm_members",
            heading=_("Member property firms"),
            label=_("property firm"),
            help_text=_("Only for the property-company association."),
        ),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("office_hours"),
            ],
            heading=_("Contact"),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(people_panels, heading=_("Officers and members")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("intro"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.RegulationPage"]

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def clean(self):
        super().clean()
        # Inline forms are validated separately; this catches members of the wrong kind when
        # the page is saved from code or the editor switches the kind afterwards.
        if self.kind == self.Kind.OWNERS_COMMITTEES and any(
            m.firm_id is not None for m in self.firm_members.all()
        ):
            raise ValidationError(
                {"kind": _("An owners' committee association has owners' committees as members.")}
            )
        if self.kind == self.Kind.PROPERTY_FIRMS and any(
            m.committee_id is not None for m in self.committee_members.all()
        ):
            raise ValidationError(
                {"kind": _("A property-company association has property firms as members.")}
            )

    def charter(self):
        """The charter among the live child regulations: the one in force, else the newest."""
        from notices.models.regulations import RegulationPage, in_force_first

        charters = RegulationPage.objects.live().filter(public_page_q()).child_of(self)
        return in_force_first(charters.filter(kind=RegulationPage.Kind.CHARTER)).first()

    def issued_regulations_in_locale(self):
        """Rules this association issued (its charter aside), in this page's language.

        A translated regulation keeps pointing at the default-language association, so the
        match is on the association's translation key, not its primary key.
        """
        from notices.models.regulations import RegulationPage, in_force_first

        regulations = (
            RegulationPage.objects.live()
            .filter(public_page_q())
            .filter(issuer__translation_key=self.translation_key, locale_id=self.locale_id)
            .exclude(kind=RegulationPage.Kind.CHARTER)
            .select_related("superseded_by")
        )
        return list(in_force_first(regulations))

    def member_organisations(self):
        """Members in this page's language: owners' committees (with their compound) or firms
        (with the compounds they serve). A fixed number of queries however many members."""
        if self.kind == self.Kind.OWNERS_COMMITTEES:
            originals = [
                m.committee for m in self.committee_members.select_related("committee__compound")
            ]
            committees = localized_objects(
                OwnersCommittee.objects.select_related("compound"), originals, self.locale_id
            )
            compounds = localized_objects(
                Compound.objects.all(), (c.compound for c in originals), self.locale_id
            )
            members = []
            for committee, compound in zip(committees, compounds, strict=True):
                name = committee.name
                if committee.locale_id != self.locale_id and compound.locale_id == self.locale_id:
                    # No translation of the committee yet: name it after its translated compound.
                    name = _("%(compound)s owners' committee") % {"compound": compound.name}
                members.append({"name": name, "detail": compound.name})
            return members
        firms = localized_objects(
            PropertyFirm.objects.all(),
            (m.firm for m in self.firm_members.select_related("firm")),
            self.locale_id,
        )
        served = {}
        for compound in Compound.objects.filter(property_firm__in=firms).order_by("name"):
            served.setdefault(compound.property_firm_id, []).append(compound.name)
        return [{"name": f.name, "detail": "、".join(served.get(f.pk, []))} for f in firms]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["duties"] = list(self.duties.all())
        context["officers"] = list(self.officers.all())
        context["officers_named"] = any(officer.name for officer in context["officers"])
        context["members"] = self.member_organisations()
        context["charter"] = self.charter()
        context["issued_regulations"] = self.issued_regulations_in_locale()
        return context


class AssociationDuty(Orderable):
    page = ParentalKey(AssociationPage, on_delete=models.CASCADE, related_name="duties")
    title = models.CharField(
        _("short title"), max_length=40, blank=True, help_text=_("Optional, for example 规范行为.")
    )
    text = models.TextField(_("duty"))

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.title or self.text[:20]


class AssociationOfficer(Orderable):
    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
        DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy secretary-general")
        COUNCIL_MEMBER = "council_member", _("Council member")
        SUPERVISOR = "supervisor", _("Supervisor")

    page = ParentalKey(AssociationPage, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=30,
        blank=True,
        help_text=_("Optional. Shown to the public with all but the first character hidden."),
    )
    organisation = models.CharField(
        pgettext_lazy("officer", "organisation"),
        max_length=100,
        blank=True,
        help_text=_("For example 小区治理党支部 or the member firm the officer comes from."),
    )

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("name")]), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self):
        return self.get_role_display()

    @property
    def public_name(self):
        return mask_name(self.name)


class AssociationCommitteeMember(Orderable):
    page = ParentalKey(AssociationPage, on_delete=models.CASCADE, related_name="committee_members")
    committee = models.ForeignKey(
        OwnersCommittee,
        verbose_name=_("owners' committee"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("committee")]

    class Meta(Orderable.Meta):
        verbose_name = _("member owners' committee")
        verbose_name_plural = _("member owners' committees")


class AssociationFirmMember(Orderable):
    page = ParentalKey(AssociationPage, on_delete=models.CASCADE, related_name="firm_members")
    firm = models.ForeignKey(
        PropertyFirm,
        verbose_name=_("property firm"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("firm")]

    class Meta(Orderable.Meta):
        verbose_name = _("member property firm")
        verbose_name_plural = _("member property firms")
