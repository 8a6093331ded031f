from .query_log import ZeroResultQuery
from .synonyms import SearchSynonym

__all__ = ["SearchSynonym", "ZeroResultQuery"]
