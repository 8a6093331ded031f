"""A score-history line chart drawn on the server as SVG geometry (no JavaScript)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    month: object
    total: Decimal | None


class ScoreChart:
    width = 640
    height = 260
    left = 48
    right = 16
    top = 24
    bottom = 40
    inset = 36  # keeps the first and last month labels inside the picture

    def __init__(self, series, max_value):
        """`series`: (month, total or None) oldest first; gaps break the line."""
        self.max_value = Decimal(max_value) or Decimal(100)
        self.series = list(series)
        first_x = self.left + self.inset
        plot_width = self.width - self.right - self.inset - first_x
        step = plot_width / max(len(self.series) - 1, 1)
        self.points = [
            ChartPoint(
                x=round(
                    first_x + i * step if len(self.series) > 1 else first_x + plot_width / 2, 1
                ),
                y=self._y(total) if total is not None else self.baseline,
                month=month,
                total=total,
            )
            for i, (month, total) in enumerate(self.series)
        ]

    @property
    def baseline(self):
        return self.height - self.bottom

    def _y(self, value):
        plot_height = self.height - self.top - self.bottom
        return round(self.baseline - float(value / self.max_value) * plot_height, 1)

    @property
    def segments(self):
        """SVG polyline point lists, one per run of assessed months."""
        runs, current = [], []
        for point in self.points:
            if point.total is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append(f"{point.x},{point.y}")
        if current:
            runs.append(current)
        return [" ".join(run) for run in runs if len(run) > 1]

    @property
    def assessed_points(self):
        return [point for point in self.points if point.total is not None]

    @property
    def y_ticks(self):
        return [
            {"value": self.max_value * part / 4, "y": self._y(self.max_value * part / 4)}
            for part in range(5)
        ]

    @property
    def plot_right(self):
        return self.width - self.right
