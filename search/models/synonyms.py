import re
import uuid

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.analysis import normalize

CACHE_KEY = "site_search:synonyms:version"
CACHE_TIMEOUT = 60 * 60
_SEPARATORS = re.compile(r"[\s,，、;；]+")


def split_words(value: str) -> list[str]:
    """Words of a synonym list: separated by spaces, commas (either width) or 、；."""
    return [word for word in (normalize(w) for w in _SEPARATORS.split(value or "")) if word]


class SearchSynonym(models.Model):
    """A group of words that mean the same to residents (业委会 = 业主委员会).

    A query for any word in the group also finds the others. Editors keep the list; it is
    expanded on the query side, so a change applies at once, without re-indexing.
    """

    term = models.CharField(
        _("term"), max_length=50, unique=True, help_text=_("The usual word, e.g. 业委会.")
    )
    synonyms = models.CharField(
        _("synonyms"),
        max_length=500,
        help_text=_(
            "Other words and abbreviations with the same meaning, separated by spaces or commas,"
            " e.g. 业主委员会."
        ),
    )

    panels = [FieldPanel("term"), FieldPanel("synonyms")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return f"{self.term} = {self.synonyms}"

    def words(self) -> list[str]:
        return list(dict.fromkeys(split_words(self.term) + split_words(self.synonyms)))

    @classmethod
    def synonym_map(cls) -> dict[str, list[str]]:
        """word → every word that shares a group with it (itself included).

        Asked for several times per search: the map stays in process memory, and the shared
        cache holds only a version token (small to read), replaced on every edit, so each
        process notices an edit made in another one at its next search.
        """
        version = cache.get(CACHE_KEY)
        memo = _memo.get("map")
        if version is not None and memo is not None and memo[0] == version:
            return memo[1]
        mapping: dict[str, list[str]] = {}
        for row in cls.objects.all():
            group = row.words()
            for word in group:
                merged = mapping.setdefault(word, [word])
                merged.extend(w for w in group if w not in merged)
        if version is None:
            version = uuid.uuid4().hex
            # add(): a version another process set meanwhile wins (its map is as fresh).
            if not cache.add(CACHE_KEY, version, CACHE_TIMEOUT):
                version = cache.get(CACHE_KEY, version)
        _memo["map"] = (version, mapping)
        return mapping


# (version token, synonym map) of this process; see SearchSynonym.synonym_map.
_memo: dict[str, tuple[str, dict[str, list[str]]]] = {}


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)
    # Again after commit: a process that read the old rows meanwhile may have set a version.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
