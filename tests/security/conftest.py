import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Renditions and uploads go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
