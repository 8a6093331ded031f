import pytest

from tests.factories.notices import (
    CompoundIndexPageFactory,
    JointMeetingIndexPageFactory,
    NoticeIndexPageFactory,
    WorkLetterIndexPageFactory,
)


@pytest.fixture
def notice_index(home_page):
    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def compound_index(home_page):
    return CompoundIndexPageFactory(parent=home_page)


@pytest.fixture
def letter_index(home_page):
    return WorkLetterIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting_index(home_page):
    return JointMeetingIndexPageFactory(parent=home_page)
