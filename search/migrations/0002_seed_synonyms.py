from django.db import migrations


def seed_synonyms(apps, schema_editor):
    """The default synonym groups from data/synonyms.txt; editors change them later."""
    from search.analysis import DATA_DIR

    SearchSynonym = apps.get_model("site_search", "SearchSynonym")
    for line in (DATA_DIR / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) > 1:
            SearchSynonym.objects.get_or_create(
                term=words[0], defaults={"synonyms": " ".join(words[1:])}
            )


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]

    operations = [migrations.RunPython(seed_synonyms, migrations.RunPython.noop)]
