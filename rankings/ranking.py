"""The ranking rule of the monthly assessment, free of any database.

Standard competition ranking ("1-2-2-4"): a firm's rank is one more than the number of
firms with a strictly higher total, so tied firms share a rank and the next rank is skipped.

The top `top` places are commended and the bottom `bottom` places get replacement advice.
Both cut-offs are taken by rank, never by counting rows, so when a tie straddles a cut-off
every tied firm is included (three firms tied for 2nd place are all commended). A firm is
never both: commendation wins, which only matters when very few firms are assessed.
Firms without a total (not assessed that month) are never ranked and never labelled.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

COMMENDED_PLACES = 2
REPLACEMENT_PLACES = 2


@dataclass(frozen=True)
class Standing:
    key: Hashable
    total: Decimal | None
    rank: int | None = None
    commended: bool = False
    replacement: bool = False

    @property
    def assessed(self):
        return self.total is not None


@dataclass(frozen=True)
class Ranking:
    """Standings best first, then the firms not assessed in their given order."""

    standings: list[Standing]
    top: int = COMMENDED_PLACES
    bottom: int = REPLACEMENT_PLACES
    by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_key", {s.key: s for s in self.standings})

    def __getitem__(self, key):
        return self.by_key[key]

    def get(self, key):
        return self.by_key.get(key)

    @property
    def ranked(self):
        return [s for s in self.standings if s.assessed]

    @property
    def not_assessed(self):
        return [s for s in self.standings if not s.assessed]

    @property
    def commended(self):
        return [s for s in self.standings if s.commended]

    @property
    def replacement(self):
        return [s for s in self.standings if s.replacement]

    @property
    def commended_tie(self):
        """The shared total that pushed more than `top` firms into commendation, if any."""
        if len(self.commended) > self.top:
            return self.commended[-1].total
        return None

    @property
    def replacement_tie(self):
        """The shared total that pushed more than `bottom` firms into replacement advice."""
        if len(self.replacement) > self.bottom:
            return self.replacement[0].total
        return None


def competition_ranks(totals):
    """Rank of each total: 1 + how many totals are strictly higher."""
    ordered = sorted(totals, reverse=True)
    first_position = {}
    for position, total in enumerate(ordered, start=1):
        first_position.setdefault(total, position)
    return [first_position[total] for total in totals]


def rank_totals(
    totals: Mapping[Hashable, Decimal | None],
    top: int = COMMENDED_PLACES,
    bottom: int = REPLACEMENT_PLACES,
) -> Ranking:
    """Rank the firms in `totals` (key -> total, None when not assessed)."""
    assessed = [(key, total) for key, total in totals.items() if total is not None]
    ranks = competition_ranks([total for _key, total in assessed])
    # Counted from the bottom the same way: 1 + how many totals are strictly lower.
    reverse_ranks = competition_ranks([-total for _key, total in assessed])
    standings = []
    for (key, total), rank, reverse_rank in zip(assessed, ranks, reverse_ranks, strict=True):
        commended = rank <= top
        replacement = reverse_rank <= bottom and not commended
        standings.append(Standing(key, total, rank, commended, replacement))
    # Stable sort keeps the caller's order (e.g. firm name) within a shared rank.
    standings.sort(key=lambda standing: standing.rank)
    standings += [Standing(key, None) for key, total in totals.items() if total is None]
    return Ranking(standings, top=top, bottom=bottom)
