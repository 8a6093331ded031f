import pytest

pytestmark = pytest.mark.django_db


def test_results_page_finds_notice_by_word_inside_title(client, notices):
    response = client.get("/search/", {"q": "物业"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "关于调整<mark>物业服务费</mark>标准的通知" in html or "<mark>物业</mark>" in html
