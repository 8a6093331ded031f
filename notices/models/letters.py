"""Monthly work reminder letters (物业工作提示函) to every property firm."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.communities import in_community
from home.slugs import AsciiSlugMixin, MonthSlugMixin
from home.visibility import public_page_q

LETTER_ISSUER = "回风亭社区物业公司协会"


def first_of_month(value):
    return value.replace(day=1) if value else value


class RequirementArea(models.TextChoices):
    SANITATION = "sanitation", _("Sanitation")
    SAFETY = "safety", _("Safety")
    BEAUTIFICATION = "beautification", _("Greening and beautification")
    FACILITIES = "facilities", _("Public facilities")
    FEES = "fees", _("Fees and accounts")
    SERVICE = "service", _("Service and complaints")
    OTHER = "other", _("Other")


class WorkLetterIndexPage(AsciiSlugMixin, Page):
    """Every monthly letter, grouped by year, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.WorkLetterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("work letter index")

    def letters(self):
        return (
            WorkLetterPage.objects.live().filter(public_page_q()).child_of(self).order_by("-month")
        )

    def letters_by_year(self):
        """[(year, [letters of that year, newest month first]), ...], newest year first."""
        return [
            (year, list(letters))
            for year, letters in groupby(
                self.letters().select_related("locale"), key=lambda p: p.month.year
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = self.letters_by_year()
        return context


class WorkLetterPage(MonthSlugMixin, Page):
    """One month's letter: requirements by area, each with a due date."""

    month = models.DateField(
        _("month"),
        help_text=_("Any day of the month the letter is for; it is stored as the first day."),
    )
    addressed_to = models.CharField(
        _("addressed to"),
        max_length=150,
        default="辖区各物业服务企业",
        help_text=_("Who the letter is to, as printed at its head."),
    )
    issued_by = models.CharField(
        _("issued by"),
        max_length=150,
        # The property-company association sends the letter to its member firms.
        default=LETTER_ISSUER,
        help_text=_("The body that signs the letter."),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    intro = RichTextField(
        _("opening"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The letter's opening paragraph, before the requirements."),
    )
    closing = RichTextField(
        _("closing"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Contact and reporting instructions after the requirements."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("month"), FieldPanel("issued_on")]),
        FieldPanel("addressed_to"),
        FieldPanel("issued_by"),
        FieldPanel("intro"),
        FieldPanel("closing"),
    ]
    requirement_panels = [
        InlinePanel("items", heading=_("Requirements"), label=_("requirement"), min_num=1),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Letter")),
            ObjectList(requirement_panels, heading=_("Requirements")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("items", [index.SearchField("requirement")]),
        index.FilterField("month"),
        index.SearchField("search_month_text"),
    ]

    parent_page_types = ["notices.WorkLetterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("work reminder letter")
        verbose_name_plural = _("work reminder letters")

    def clean(self):
        super().clean()
        self.month = first_of_month(self.month)
        if self.month and self.locale_id:
            clash = (
                WorkLetterPage.objects.filter(locale_id=self.locale_id, month=self.month)
                .exclude(pk=self.pk)
                .exclude(alias_of__isnull=False)
                .first()
            )
            if clash:
                raise ValidationError(
                    {
                        "month": ValidationError(
                            _(
                                "There is already a letter for %(month)s: “%(title)s”. "
                                "Edit that letter instead, or choose another month."
                            ),
                            code="duplicate_month",
                            params={"month": self.month.strftime("%Y-%m"), "title": clash.title},
                        )
                    }
                )

    def save(self, *args, **kwargs):
        self.month = first_of_month(self.month)
        return super().save(*args, **kwargs)

    def items_by_area(self):
        """[(area label, [items]), ...] in the order areas are declared, empty areas left out."""
        order = {value: position for position, value in enumerate(RequirementArea.values)}
        items = sorted(
            self.items.all(), key=lambda item: (order.get(item.area, 99), item.sort_order or 0)
        )
        return [
            (RequirementArea(area).label, list(group))
            for area, group in groupby(items, key=lambda item: item.area)
        ]

    @classmethod
    def current_for(cls, home, today=None):
        """This month's live letter under `home`; failing that, the latest one before it."""
        today = today or timezone.localdate()
        letters = in_community(cls.objects.live().filter(public_page_q()), home).filter(
            locale_id=home.locale_id
        )
        return (
            letters.filter(month__lte=first_of_month(today)).order_by("-month").first()
            or letters.order_by("-month").first()
        )

    def search_month_text(self):
        """The month as the site writes it in this page's language (2026年10月), so that a
        query naming the month finds the page whatever its title says."""
        from search.query import month_words

        return month_words(self.month, self.locale.language_code) if self.month else ""

    def get_context(self, request, *args, **kwargs):
        from notices.letter_extras import with_extras, work_letter_item_extras

        context = super().get_context(request, *args, **kwargs)
        areas = self.items_by_area()
        # What other apps put beside each requirement (how many firms met it).
        extras = work_letter_item_extras(
            self, [item for _area, items in areas for item in items], request
        )
        context["areas"] = with_extras(areas, extras)
        context["item_extras"] = extras
        context["today"] = timezone.localdate()
        return context


class WorkLetterItem(Orderable):
    page = ParentalKey(WorkLetterPage, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(
        _("area"),
        max_length=20,
        choices=RequirementArea.choices,
        default=RequirementArea.SANITATION,
    )
    requirement = models.TextField(
        _("requirement"), help_text=_("What every firm must do this month.")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("area"), FieldPanel("due_date")]),
        FieldPanel("requirement"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self):
        return self.requirement[:50]
