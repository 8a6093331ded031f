"""The notices app's content types on the search results page (registered by NoticesConfig)."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchModel, SearchType, register


def register_search_types():
    register(
        SearchType(
            "notices",
            _("Notices"),
            (
                SearchModel(
                    "notices.NoticePage",
                    date_field="publish_date",
                    compound_lookup="target_compounds",
                ),
                SearchModel("notices.WorkLetterPage", date_field="month", monthly=True),
                SearchModel(
                    "notices.JointMeetingPage",
                    date_field="meeting_date",
                    monthly=True,
                    # Its snippet text writes the month in the page's language.
                    select_related=("locale",),
                ),
            ),
            order=10,
        )
    )
    register(
        SearchType(
            "regulations",
            _("Regulations"),
            (
                SearchModel(
                    "notices.RegulationPage",
                    date_field="effective_on",
                    demoted=(("status", "superseded"),),
                ),
                SearchModel(
                    "notices.RegulationArticle",
                    date_field=None,
                    page_lookup="page",
                    demoted=(("in_force", False),),
                ),
                SearchModel("notices.AssociationPage"),
            ),
            order=20,
        )
    )
    register(
        SearchType(
            "follow_ups",
            _("Follow-up items"),
            (
                SearchModel(
                    "notices.FollowUpItem",
                    date_field="due_date",
                    compound_lookup="compound",
                    page_lookup="page",
                ),
            ),
            order=25,
        )
    )
