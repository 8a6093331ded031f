import datetime
from decimal import Decimal

from rankings.charts import ScoreChart


def months(n):
    return [datetime.date(2026, m, 1) for m in range(1, n + 1)]


def test_points_stay_inside_the_picture_and_scale_to_the_maximum():
    chart = ScoreChart(
        zip(
            months(6),
            [Decimal(100), Decimal(50), None, Decimal(0), Decimal(75), Decimal(80)],
            strict=True,
        ),
        100,
    )
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and xs[0] > chart.left and xs[-1] < chart.plot_right
    top, middle, _gap, bottom, *_ = chart.points
    assert top.y == chart.top and bottom.y == chart.baseline
    assert middle.y == (chart.top + chart.baseline) / 2
    # The unassessed month breaks the line into two runs.
    assert len(chart.segments) == 2
    assert [p.total for p in chart.assessed_points] == [100, 50, 0, 75, 80]


def test_single_month_is_a_dot_without_a_line():
    chart = ScoreChart([(datetime.date(2026, 1, 1), Decimal(60))], 100)
    assert chart.segments == [] and len(chart.assessed_points) == 1
