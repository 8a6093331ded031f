from django.apps import AppConfig


class SearchFixturesConfig(AppConfig):
    """Test-only content types for the search tests and the benchmark (installed by test settings).

    Small stand-ins for the notice and regulation models, so that those tests control exactly
    what is indexed: a page with a body and an optional compound, and a plain indexed article
    model with the RegulationArticle interface (page, number, label, anchor, heading, text,
    get_url()).
    """

    name = "tests.search_fixtures"
    label = "search_fixtures"
    default_auto_field = "django.db.models.BigAutoField"
