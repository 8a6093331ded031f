from tests.rankings.fixtures import *  # noqa: F403
