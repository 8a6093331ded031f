import datetime
import uuid

import factory
import wagtail_factories

from notices.models import AssociationPage, RegulationIndexPage, RegulationPage


def article(text, heading="", id=None):
    """Raw data of one article (an item of a chapter's ListBlock)."""
    return {
        "type": "item",
        "value": {"heading": heading, "text": f"<p>{text}</p>"},
        "id": id or str(uuid.uuid4()),
    }


def chapter(title, articles, id=None):
    """Raw data of one chapter; `articles` are strings or `article()` dicts."""
    items = [a if isinstance(a, dict) else article(a) for a in articles]
    return {
        "type": "chapter",
        "value": {"title": title, "articles": items},
        "id": id or str(uuid.uuid4()),
    }


def body_with(article_count, chapter_size=10):
    """A body of `article_count` articles in chapters of `chapter_size`."""
    chapters = []
    for start in range(0, article_count, chapter_size):
        count = min(chapter_size, article_count - start)
        chapters.append(
            chapter(
                f"第{len(chapters) + 1}部分",
                [
                    f"条文内容{start + i + 1}：物业服务企业应当按照合同约定提供服务。"
                    for i in range(count)
                ],
            )
        )
    return chapters


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    title = "规章制度"
    slug = factory.Sequence(lambda n: f"regulations-{n}")

    class Meta:
        model = RegulationIndexPage


class RegulationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"物业管理服务细则{n}")
    slug = factory.Sequence(lambda n: f"rules-{n}")
    issuing_body = "回风亭社区物业公司协会"
    adopted_on = datetime.date(2024, 1, 10)
    effective_on = datetime.date(2024, 2, 1)
    body = factory.LazyFunction(lambda: body_with(3, 2))

    class Meta:
        model = RegulationPage


class AssociationPageFactory(wagtail_factories.PageFactory):
    title = "回风亭社区物业公司协会"
    slug = factory.Sequence(lambda n: f"association-{n}")
    kind = AssociationPage.Kind.PROPERTY_FIRMS

    class Meta:
        model = AssociationPage
