"""RSS and Atom feeds of one compound's public log: anyone can follow what happens there."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.models import Compound

from .figures import public_cases
from .forms import compound_choices
from .naming import localize_cases

FEED_LENGTH = 30


class CompoundLogRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug):
        offered = [int(pk) for pk, _name in compound_choices()]
        compound = Compound.objects.filter(slug=slug, pk__in=offered).first()
        if compound is None:
            raise Http404(_("There is no compound at this address."))
        compound.display_name = dict(compound_choices())[str(compound.pk)]
        return compound

    def title(self, compound):
        return _("Reports and outcomes: %(compound)s") % {"compound": compound.display_name}

    def link(self, compound):
        return reverse("cases:log") + f"?compound={compound.slug}"

    def description(self, compound):
        return _("Problems residents reported in %(compound)s and what was done about them.") % {
            "compound": compound.display_name
        }

    def feed_url(self, compound):
        return self.request.build_absolute_uri(self.request.path)

    def items(self, compound):
        cases = (
            public_cases()
            .filter(compound=compound)
            .select_related("category", "compound")
            .order_by("-received_at", "-pk")[:FEED_LENGTH]
        )
        return localize_cases(cases)

    def item_title(self, case):
        return f"[{case.category_name}] {case.public_number} {case.get_status_display()}"

    def item_description(self, case):
        return case.outcome_summary or _("Received; handled by %(holder)s.") % {
            "holder": case.holder_label or _("the community office")
        }

    def item_link(self, case):
        return reverse("cases:log_detail", args=[case.public_number])

    def item_guid(self, case):
        return self.request.build_absolute_uri(self.item_link(case))

    def item_pubdate(self, case):
        return case.received_at

    def item_updateddate(self, case):
        return case.resolved_at or case.accepted_at or case.received_at

    def item_categories(self, case):
        return [case.category_name]


class CompoundLogAtomFeed(CompoundLogRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, compound):
        return self.description(compound)
