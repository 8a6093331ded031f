from django.db import migrations

# Groups found missing by the relevance suite (tests/search/test_relevance.py): words residents
# type for what the demo's regulations and notices say in formal terms. The first word is the
# term; a term that already exists gets the new words appended, so editors' changes are kept.
GROUPS = [
    ("电动车", "电动自行车 电瓶车"),
    ("涨价", "提价 调价 提高收费"),
    ("交", "交费 缴费 缴纳"),
    ("公章", "印章"),
    ("换物业", "更换物业 更换物业服务企业"),
    ("物业公司排名", "物业排名 物业履约考核排名 考核排名"),
    ("志愿者", "志愿服务队"),
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
    dependencies = [("site_search", "0002_seed_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
