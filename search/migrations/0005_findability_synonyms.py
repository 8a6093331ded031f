from django.db import migrations

# Groups the relevance suite (tests/search/test_relevance.py) found missing once every kind of
# content became findable: residents' words for a fault (电梯坏了), the ranking's outcomes
# (淘汰, 建议更换), follow-ups, and English plurals (the English index is not stemmed). Also in
# data/synonyms.txt, which seeds a new database; here they reach an existing one. A term that
# already exists gets the new words appended, so editors' changes are kept.
GROUPS = [
    ("坏", "故障 报修"),
    ("淘汰", "淘汰建议 建议更换 末位淘汰"),
    ("跟进事项", "跟进 督办 落实情况"),
    ("lift", "lifts elevator elevators"),
    ("broken", "broke breakdown fault faults faulty repair repairs"),
    ("station", "stations"),
    ("firm", "firms company companies"),
    ("ranking", "rankings"),
    ("letter", "letters"),
    ("meeting", "meetings"),
]


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("site_search", "SearchSynonym")
    for term, synonyms in GROUPS:
        row, created = SearchSynonym.objects.get_or_create(
            term=term, defaults={"synonyms": synonyms}
        )
        if not created:
            words = row.synonyms.split()
            words += [word for word in synonyms.split() if word not in words]
            row.synonyms = " ".join(words)
            row.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("site_search", "0004_indexentry_title_body_gin")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
