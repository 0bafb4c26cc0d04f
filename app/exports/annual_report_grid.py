"""Tables 二, 三 and 四 laid out once as grids of (merged) cells; the xlsx, docx and pdf writers draw them."""

from __future__ import annotations

from dataclasses import dataclass

from app.workflow.annual_counts import (
    APPLICANT_COLUMNS, APPLICANT_HEADER, COLUMNS, LEGAL_PERSONS, REVIEW_KINDS, RESULTS_LABEL,
    ROW_CARRIED, ROW_NEW, ROW_NEXT, ROW_TOTAL, TABLE4_COLUMNS, TABLE4_TOP, TOP_LEFT, row_label,
)
from app.workflow.annual_report_data import TABLE2_LAYOUT, AnnualReportData
from app.workflow.outcomes import GROUPS, Outcome

Value = str | int | float


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    value: Value
    rows: int = 1
    cols: int = 1
    left: bool = False        # labels read left-aligned; headers and figures are centred
    bold: bool = False


@dataclass(frozen=True)
class Grid:
    n_rows: int
    n_cols: int
    header_rows: int
    widths_mm: tuple[float, ...]      # column widths for A4 portrait text width (156 mm)
    cells: tuple[GridCell, ...]
    blocks: tuple[int, ...] = ()      # first rows of parts that may start a new page (table 二's items)


def split_blocks(grid: Grid) -> list[Grid]:
    """``grid`` cut at its block starts into grids of the same columns (a page may fall between them)."""
    starts = sorted(set(grid.blocks) | {0})
    ends = [*starts[1:], grid.n_rows]
    return [Grid(end - start, grid.n_cols, 0, grid.widths_mm,
                 tuple(GridCell(c.row - start, c.col, c.value, c.rows, c.cols, c.left, c.bold)
                       for c in grid.cells if start <= c.row < end))
            for start, end in zip(starts, ends)]


def number_text(value: Value) -> str:
    """Figures as printed: integers plainly, 万元 amounts without trailing zeros, zero as 0."""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def table2_grid(data: AnnualReportData) -> Grid:
    cells: list[GridCell] = []
    starts: list[int] = []
    r = 0
    for block in TABLE2_LAYOUT:
        starts.append(r)
        cells.append(GridCell(r, 0, block.heading, cols=4, bold=True))
        wide = 3 if len(block.headers) == 2 else 1
        cells.append(GridCell(r + 1, 0, block.headers[0]))
        cells += [GridCell(r + 1, 1 + i, h, cols=wide) for i, h in enumerate(block.headers[1:])]
        r += 2
        for label, keys in block.rows:
            cells.append(GridCell(r, 0, label))
            cells += [GridCell(r, 1 + i, data.table2.get(k, 0), cols=wide) for i, k in enumerate(keys)]
            r += 1
    return Grid(r, 4, 0, (51, 35, 35, 35), tuple(cells), tuple(starts))


def table3_grid(data: AnnualReportData) -> Grid:
    """Three label columns and seven figure columns under three header rows (国办公开办函〔2021〕30号)."""
    cells = [GridCell(0, 0, TOP_LEFT, rows=3, cols=3), GridCell(0, 3, APPLICANT_HEADER, cols=7),
             GridCell(1, 3, APPLICANT_COLUMNS[0], rows=2), GridCell(1, 4, LEGAL_PERSONS, cols=5),
             GridCell(1, 9, COLUMNS[-1], rows=2)]
    cells += [GridCell(2, 4 + i, name) for i, name in enumerate(APPLICANT_COLUMNS[1:])]

    def line(r: int, key: str) -> list[GridCell]:
        return [GridCell(r, 3 + i, data.table3.value(key, i)) for i in range(len(COLUMNS))]

    r = 3
    for key in (ROW_NEW, ROW_CARRIED):
        cells += [GridCell(r, 0, row_label(key), cols=3, left=True), *line(r, key)]
        r += 1
    top = r
    for group in GROUPS:
        leaves = [o for o in Outcome if o.group == group.code]
        if len(leaves) == 1:
            cells.append(GridCell(r, 1, group.label, cols=2, left=True))
        else:
            cells.append(GridCell(r, 1, group.label, rows=len(leaves)))
            cells += [GridCell(r + i, 2, o.row_label, left=True) for i, o in enumerate(leaves)]
        for i, o in enumerate(leaves):
            cells += line(r + i, o.code)
        r += len(leaves)
    cells += [GridCell(r, 1, row_label(ROW_TOTAL), cols=2, left=True), *line(r, ROW_TOTAL)]
    cells.append(GridCell(top, 0, RESULTS_LABEL, rows=r - top + 1))
    r += 1
    cells += [GridCell(r, 0, row_label(ROW_NEXT), cols=3, left=True), *line(r, ROW_NEXT)]
    return Grid(r + 1, 10, 3, (14, 24, 51, 11, 9, 9, 9.5, 9.5, 9, 9.5), tuple(cells))


def table4_grid(data: AnnualReportData) -> Grid:
    """行政复议 (five columns) and 行政诉讼 (未经复议直接起诉, 复议后起诉: five each), three header rows."""
    cells = [GridCell(0, 0, TABLE4_TOP[0], cols=5), GridCell(0, 5, TABLE4_TOP[1], cols=10)]
    cells += [GridCell(1, i, h, rows=2) for i, h in enumerate(TABLE4_COLUMNS)]
    for g, kind in enumerate(REVIEW_KINDS[1:]):
        cells.append(GridCell(1, 5 + 5 * g, kind, cols=5))
        cells += [GridCell(2, 5 + 5 * g + i, h) for i, h in enumerate(TABLE4_COLUMNS)]
    for g, kind in enumerate(REVIEW_KINDS):
        cells += [GridCell(3, 5 * g + i, v) for i, v in enumerate(data.table4.cells[kind])]
    return Grid(4, 15, 3, (10.4,) * 15, tuple(cells))
