"""The inspections catalogue is complete and does not change the wording of apps after it
(catalogues are merged: a msgid translated differently here would rename, say, Wagtail's
"History" everywhere in the admin)."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

PO = Path(apps.get_app_config("inspections").path) / "locale/zh_Hans/LC_MESSAGES/django.po"


def _catalogue(config):
    po = Path(config.path) / "locale/zh_Hans/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if po.exists():
        return polib.pofile(str(po))
    return polib.mofile(str(mo)) if mo.exists() else []


def test_every_string_is_translated_into_chinese():
    catalogue = polib.pofile(str(PO))
    assert catalogue.percent_translated() == 100, [
        e.msgid for e in catalogue.untranslated_entries()
    ]
    assert not catalogue.fuzzy_entries()


def test_inspections_does_not_override_the_wording_of_apps_after_it():
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(PO)) if not e.msgctxt}
    configs = list(apps.get_app_configs())
    position = [config.name for config in configs].index("inspections")
    winners = [
        polib.pofile(str(Path(p) / "zh_Hans/LC_MESSAGES/django.po")) for p in settings.LOCALE_PATHS
    ]
    winners += [_catalogue(config) for config in configs[:position]]
    for catalogue in winners:
        for entry in catalogue:
            ours.pop(entry.msgid, None)
    clashes = []
    for config in configs[position + 1 :]:
        for entry in _catalogue(config):
            if entry.msgctxt or entry.msgid not in ours or not entry.msgstr:
                continue
            if entry.msgstr != ours[entry.msgid]:
                clashes.append((config.name, entry.msgid, entry.msgstr, ours[entry.msgid]))
    assert clashes == []
