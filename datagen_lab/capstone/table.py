"""The capstone's results table (:class:`ResultsTable`: plain text and HTML) and :func:`sample_std`,
the spread over seeds it reports. Used by :mod:`datagen_lab.capstone.results`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
)
from datagen_lab.i18n import display_width, padded  # noqa: F401  (padded: re-exported for lesson 6)


@dataclass(frozen=True)
class ResultsTable:
    """A small table that shows as HTML in Jupyter and as aligned text elsewhere."""

    header: list[str]
    rows: list[list[str]]
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.header, list | tuple) or not self.header:
            raise InputError("header", self.header, "a non-empty list of column names")
        for row in self.rows:
            if not isinstance(row, list | tuple) or len(row) != len(self.header):
                raise InputError("rows", row, f"rows of {len(self.header)} cells, one per column")

    def __repr__(self) -> str:
        widths = [
            max(display_width(str(row[i])) for row in [self.header, *self.rows])
            for i in range(len(self.header))
        ]
        lines = [
            "  ".join(
                str(cell) + " " * (w - display_width(str(cell)))
                for cell, w in zip(row, widths, strict=True)
            )
            for row in [self.header, *self.rows]
        ]
        return "\n".join(
            [lines[0], "-" * display_width(lines[0]), *lines[1:]]
            + ([self.note] if self.note else [])
        )

    def _repr_html_(self) -> str:
        import html

        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.note)}</caption>" if self.note else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def sample_std(values: np.ndarray) -> float:
    """Standard deviation with Bessel's correction (ddof=1); 0.0 for fewer than two values."""
    values = check_array(values, "values", ndim=1, kinds="biuf", min_size=0)
    return float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
