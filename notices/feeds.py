"""RSS and Atom feeds of current notices, one per notice index (and so per locale)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class NoticeRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def description(self, index_page):
        return _("Current notices of %(title)s") % {"title": index_page.title}

    def feed_url(self, index_page):
        return self.request.build_absolute_uri(self.request.path)

    def items(self, index_page):
        # Newest first here, not pinned first: feed readers sort by date themselves.
        notices = index_page.notices().current().for_listing()
        return list(notices.order_by("-publish_date", "-first_published_at", "-pk")[:FEED_LENGTH])

    def item_title(self, notice):
        return f"[{notice.get_category_display()}] {notice.title}"

    def item_description(self, notice):
        return notice.summary or notice.search_description or notice.title

    def item_link(self, notice):
        return notice.get_full_url(self.request)

    def item_guid(self, notice):
        return notice.get_full_url(self.request)

    def item_pubdate(self, notice):
        start = datetime.datetime.combine(notice.publish_date, datetime.time(8, 0))
        return timezone.make_aware(start)

    def item_updateddate(self, notice):
        return notice.last_published_at or self.item_pubdate(notice)

    def item_categories(self, notice):
        return [notice.get_category_display()]


class NoticeAtomFeed(NoticeRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return self.description(index_page)
