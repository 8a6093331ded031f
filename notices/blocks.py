"""StreamField blocks for notices and joint-meeting records."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "notices/blocks/heading.html"
        label = _("Heading")
        preview_value = "停水时间与范围"
        description = _("A section heading inside the notice.")


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Label"), max_length=40, help_text=_("For example: time, place, who.")
    )
    value = blocks.CharBlock(label=_("Value"), max_length=200)


class KeyFactsBlock(blocks.ListBlock):
    """The who/when/where of a notice as a short definition list, read first by the elderly."""

    def __init__(self, **kwargs):
        super().__init__(KeyFactBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "notices/blocks/key_facts.html"
        label = _("Key facts")
        preview_value = [
            {"label": "时间", "value": "6月12日 8:00–18:00"},
            {"label": "地点", "value": "小区邻里厅"},
        ]
        description = _("Time, place, who should come: shown as a short list.")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=200,
        help_text=_(
            "Describe the image for readers who cannot see it; leave empty to use the caption."
        ),
    )

    class Meta:
        icon = "image"
        template = "notices/blocks/captioned_image.html"
        label = _("Image")
        description = _("A picture with a caption.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        template = "notices/blocks/document_link.html"
        label = _("Document link")
        description = _("A download link to a document in the library.")


class NoticeBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="notices/blocks/paragraph.html",
        preview_value="<p>请各位居民提前做好储水准备。</p>",
        description=_("Body text."),
    )
    key_facts = KeyFactsBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Item"), max_length=200)
    raised_by = blocks.CharBlock(
        label=_("Raised by"),
        required=False,
        max_length=100,
        help_text=_("Organisation that put the item on the agenda."),
    )
    notes = blocks.TextBlock(label=_("Notes"), required=False)

    class Meta:
        icon = "list-ol"
        template = "notices/blocks/agenda_item.html"
        label = _("Agenda item")
        preview_value = {"title": "桂花街沿线小区停车难问题", "raised_by": "业委会协会"}
        description = _("One item of the agenda, as vetted by the party branch.")


class DecisionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Decision"))
    carried_by = blocks.CharBlock(
        label=_("Agreed by"),
        required=False,
        max_length=100,
        help_text=_("For example: unanimous, majority of attendees."),
    )

    class Meta:
        icon = "tick"
        template = "notices/blocks/decision.html"
        label = _("Decision")
        preview_value = {
            "text": "由小区治理党支部牵头，协调建设两处停车场。",
            "carried_by": "一致同意",
        }
        description = _("What the meeting decided.")


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class DecisionsBlock(blocks.StreamBlock):
    decision = DecisionBlock()
