"""Property-based tests of the ranking rule (rankings/ranking.py)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rankings.ranking import competition_ranks, rank_totals

totals_strategy = st.dictionaries(
    keys=st.integers(min_value=1, max_value=500),
    values=st.one_of(
        st.none(),
        # Few distinct values so ties are common.
        st.integers(min_value=0, max_value=12).map(lambda n: Decimal(n * 5) / 2),
    ),
    max_size=40,
)


@settings(deadline=None)  # a loaded CI machine must not make a pure function flaky
@given(totals_strategy)
def test_ranks_are_a_competition_ranking_of_totals(totals):
    ranking = rank_totals(totals)
    assessed = {k: v for k, v in totals.items() if v is not None}
    for standing in ranking.ranked:
        higher = sum(1 for v in assessed.values() if v > standing.total)
        assert standing.rank == higher + 1
    # Same total, same rank; higher total, better rank.
    for a in ranking.ranked:
        for b in ranking.ranked:
            if a.total == b.total:
                assert a.rank == b.rank
            elif a.total > b.total:
                assert a.rank < b.rank
    # Listed best first.
    ranks = [s.rank for s in ranking.ranked]
    assert ranks == sorted(ranks)


@settings(deadline=None)  # a loaded CI machine must not make a pure function flaky
@given(totals_strategy)
def test_unassessed_firms_are_never_ranked_or_labelled(totals):
    ranking = rank_totals(totals)
    assert {s.key for s in ranking.standings} == set(totals)
    for standing in ranking.not_assessed:
        assert totals[standing.key] is None
        assert standing.rank is None and not standing.commended and not standing.replacement
    assert len(ranking.ranked) == sum(v is not None for v in totals.values())
    # The unassessed come after every ranked firm.
    flags = [s.assessed for s in ranking.standings]
    assert flags == sorted(flags, reverse=True)


@settings(deadline=None)  # a loaded CI machine must not make a pure function flaky
@given(totals_strategy)
def test_commended_set_obeys_the_tie_rule(totals):
    ranking = rank_totals(totals)
    assessed = [v for v in totals.values() if v is not None]
    commended = ranking.commended
    assert len(commended) >= min(2, len(assessed))
    if commended:
        lowest = min(s.total for s in commended)
        # Closed under ties: everyone at or above the lowest commended total is commended.
        assert {s.key for s in commended} == {s.key for s in ranking.ranked if s.total >= lowest}
        # More than two only when a tie straddles the cut-off.
        if len(commended) > 2:
            assert sum(1 for v in assessed if v >= lowest) > 2
            assert sum(1 for v in assessed if v > lowest) < 2
            assert ranking.commended_tie == lowest
        else:
            assert ranking.commended_tie is None
    for standing in commended:
        assert standing.rank <= 2


@settings(deadline=None)  # a loaded CI machine must not make a pure function flaky
@given(totals_strategy)
def test_replacement_set_obeys_the_tie_rule(totals):
    ranking = rank_totals(totals)
    assessed = [v for v in totals.values() if v is not None]
    replacement = ranking.replacement
    commended_keys = {s.key for s in ranking.commended}
    assert not commended_keys & {s.key for s in replacement}
    for standing in replacement:
        lower = sum(1 for v in assessed if v < standing.total)
        assert lower + 1 <= 2  # within the bottom two places, counted the same way
    if replacement:
        highest = max(s.total for s in replacement)
        expected = {
            s.key for s in ranking.ranked if s.total <= highest and s.key not in commended_keys
        }
        assert {s.key for s in replacement} == expected
    # Every firm in the bottom two places (counted from below, ties shared) is advised,
    # unless it is commended.
    for standing in ranking.ranked:
        lower = sum(1 for v in assessed if v < standing.total)
        if lower + 1 <= 2 and standing.key not in commended_keys:
            assert standing.replacement


def test_worked_example_with_ties_at_both_cut_offs():
    totals = {
        "a": Decimal(95),
        "b": Decimal(90),
        "c": Decimal(90),
        "d": Decimal(80),
        "e": Decimal(70),
        "f": Decimal(60),
        "g": Decimal(60),
        "h": None,
    }
    ranking = rank_totals(totals)
    assert [(s.key, s.rank) for s in ranking.ranked] == [
        ("a", 1),
        ("b", 2),
        ("c", 2),
        ("d", 4),
        ("e", 5),
        ("f", 6),
        ("g", 6),
    ]
    assert [s.key for s in ranking.commended] == ["a", "b", "c"]
    assert ranking.commended_tie == Decimal(90)
    assert [s.key for s in ranking.replacement] == ["f", "g"]
    assert ranking.replacement_tie is None
    assert [s.key for s in ranking.not_assessed] == ["h"]


def test_tie_for_second_last_place_extends_replacement():
    ranking = rank_totals({"a": 90, "b": 85, "c": 80, "d": 70, "e": 70, "f": 50})
    assert [s.key for s in ranking.replacement] == ["d", "e", "f"]
    assert ranking.replacement_tie == 70


def test_competition_ranks_skip_after_ties():
    assert competition_ranks([10, 9, 9, 8]) == [1, 2, 2, 4]
