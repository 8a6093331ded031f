from django.db import models
from wagtail.models import Page
from wagtail.search import index


class FixtureNoticePage(Page):
    body = models.TextField(blank=True)
    compound = models.ForeignKey(
        "home.Compound", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = Page.search_fields + [index.SearchField("body")]


class FixtureArticle(index.Indexed, models.Model):
    """Same interface as notices.RegulationArticle."""

    page = models.ForeignKey(FixtureNoticePage, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=20)
    anchor = models.SlugField()
    heading = models.CharField(max_length=100, blank=True)
    text = models.TextField()

    search_fields = [
        index.SearchField("label"),
        index.SearchField("heading", boost=2),
        index.SearchField("text"),
        index.AutocompleteField("heading"),
        index.FilterField("page_id"),
    ]

    class Meta:
        ordering = ["page", "number"]

    def __str__(self):
        return f"{self.page.title} {self.label}"

    def get_url(self, request=None):
        return f"{self.page.url}#{self.anchor}"

    def search_snippet_text(self):
        return self.text

    @classmethod
    def search_queryset(cls, locale):
        """Articles of live, public regulations in `locale`."""
        pages = FixtureNoticePage.objects.live().public()
        if locale is not None:
            pages = pages.filter(locale=locale)
        return cls.objects.filter(page__in=pages).select_related("page")
