"""A published month cannot be silently edited: only logged corrections change it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rankings.models import FirmAssessment, FrozenMonthError, MonthCriterion, Score, ScoreCorrection
from rankings.scoresheet import FirmEntry, save_scores
from tests.factories.rankings import month_with_scores


@pytest.fixture
def published(index_page, criteria, firms):
    return month_with_scores(
        index_page, datetime.date(2026, 10, 1), {firm: [10, 10, 10] for firm in firms[:3]}
    )


def test_score_save_is_refused(published):
    score = Score.objects.filter(assessment__month=published).first()
    score.value = Decimal(29)
    with pytest.raises(FrozenMonthError):
        score.save()
    score.refresh_from_db()
    assert score.value == Decimal(10)


def test_bulk_update_and_delete_are_refused(published):
    scores = Score.objects.filter(assessment__month=published)
    with pytest.raises(FrozenMonthError):
        scores.update(value=Decimal(1))
    with pytest.raises(FrozenMonthError):
        scores.delete()
    with pytest.raises(FrozenMonthError):
        FirmAssessment.objects.filter(month=published).update(remarks="changed")
    with pytest.raises(FrozenMonthError):
        MonthCriterion.objects.filter(month=published).update(max_score=Decimal(99))
    assert set(scores.values_list("value", flat=True)) == {Decimal(10)}


def test_adding_a_firm_or_remarks_is_refused(published, firms):
    with pytest.raises(FrozenMonthError):
        FirmAssessment.objects.create(month=published, firm=firms[5])
    assessment = published.assessments.first()
    assessment.remarks = "quietly rewritten"
    with pytest.raises(FrozenMonthError):
        assessment.save()
    with pytest.raises(FrozenMonthError):
        assessment.delete()


def test_score_sheet_refuses_a_published_month(published, firms):
    with pytest.raises(FrozenMonthError):
        save_scores(published, [FirmEntry(firms[0], {}, "")])
    assert published.assessments.count() == 3


def test_still_frozen_after_unpublishing(published):
    published.unpublish()
    published.refresh_from_db()
    score = Score.objects.filter(assessment__month=published).first()
    with pytest.raises(FrozenMonthError):
        score.save()


def test_correction_changes_the_score_and_is_shown_publicly(client, published):
    score = (
        Score.objects.filter(assessment__month=published)
        .select_related("assessment__firm", "criterion")
        .first()
    )
    ScoreCorrection.objects.propose(score, "12.5", "复核后补记维修台账").approve()
    score.refresh_from_db()
    assert score.value == Decimal("12.5")
    correction = ScoreCorrection.objects.get()
    assert (correction.old_value, correction.new_value) == (Decimal(10), Decimal("12.5"))
    html = client.get(published.url).content.decode()
    assert "复核后补记维修台账" in html and "12.5" in html
    # After the correction the month is frozen again.
    score.value = Decimal(1)
    with pytest.raises(FrozenMonthError):
        score.save()


def test_correction_needs_a_reason_and_a_valid_score(published):
    score = (
        Score.objects.filter(assessment__month=published)
        .select_related("criterion", "assessment")
        .first()
    )
    with pytest.raises(ValidationError):
        ScoreCorrection.objects.propose(score, "12", "  ")
    with pytest.raises(ValidationError):
        ScoreCorrection.objects.propose(score, "31", "too high")
    assert not ScoreCorrection.objects.exists()


def test_criteria_changes_never_rewrite_a_month(published, criteria):
    criteria[0].name = "改名"
    criteria[0].max_score = Decimal(50)
    criteria[0].save()
    frozen = list(published.criteria.values_list("name", "max_score"))
    assert frozen[0] == ("公共环境保洁", Decimal(30))


def test_draft_month_can_be_edited(index_page, criteria, firms):
    draft = month_with_scores(
        index_page, datetime.date(2026, 11, 1), {firms[0]: [1, 2, 3]}, publish=False
    )
    score = Score.objects.filter(assessment__month=draft).first()
    score.value = Decimal(5)
    score.save()
    save_scores(draft, [FirmEntry(firms[0], {}, "")])
    assert not draft.assessments.exists()


def test_month_of_a_published_page_cannot_change(published):
    published.month = datetime.date(2026, 12, 1)
    with pytest.raises(ValidationError):
        published.full_clean()


def test_evidence_photo_form_refuses_a_published_month(published):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from rankings.models import EvidencePhoto

    image = Image.objects.create(title="检查", file=get_test_image_file())
    photo = EvidencePhoto(assessment=published.assessments.first(), image=image, caption="楼道")
    with pytest.raises(ValidationError):
        photo.full_clean()
    with pytest.raises(FrozenMonthError):
        photo.save()


def test_deleting_the_whole_month_page_still_works(published):
    """Removing a month is a page action with its own permission and log, not an edit."""
    page_id = published.pk
    published.delete()
    assert not Score.objects.filter(assessment__month_id=page_id).exists()
