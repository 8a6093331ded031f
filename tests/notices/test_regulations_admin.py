"""Editors create a regulation through the admin form; numbering and anchors follow."""

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from notices.models import RegulationPage
from tests.factories.regulations import RegulationIndexPageFactory


def article_items(*texts):
    """Form data of a ListBlock of articles, in the admin's `count`/`N-value` layout."""
    data = {"count": str(len(texts))}
    for n, text in enumerate(texts):
        data[str(n)] = {
            "value": {"heading": "", "text": rich_text(text)},
            "id": "",
            "deleted": "",
            "order": str(n),
        }
    return data


def test_editor_form_creates_a_numbered_regulation(admin_client, home_page):
    index = RegulationIndexPageFactory(parent=home_page)
    data = nested_form_data(
        {
            "title": "业主委员会工作规则",
            "slug": "work-rules",
            "intro": rich_text(""),
            "body": streamfield(
                [
                    ("chapter", {"title": "总则", "articles": article_items("第一段", "第二段")}),
                    ("chapter", {"title": "附则", "articles": article_items("第三段")}),
                ]
            ),
            "kind": "work_rules",
            "issuing_body": "回风亭社区业主委员会协会",
            "document_number": "",
            "adopted_on": "2023-09-20",
            "effective_on": "",
            "status": "in_force",
        }
    )
    response = admin_client.post(f"/admin/pages/add/notices/regulationpage/{index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = RegulationPage.objects.get(slug="work-rules")
    assert [a.label for a in page.articles] == ["第一条", "第二条", "第三条"]
    assert [a.plain_text for a in page.articles] == ["第一段", "第二段", "第三段"]
    assert all(a.anchor.startswith("article-") for a in page.articles)
    assert Page.objects.get(pk=page.pk).specific_class is RegulationPage
