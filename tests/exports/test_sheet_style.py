"""The weekly workbooks' shared look: title and note merged across the table, the header shaded and bold,
the 合计 row bold only where asked, every table cell bordered."""

from openpyxl import Workbook

from app.exports.sheet_style import style_titled_table


def _sheet():
    ws = Workbook().active
    for line in (["周报"], ["说明"], ["机关", "在办", "已逾期"], ["甲", 2, 1], ["合计", 2, 1]):
        ws.append(line)
    return ws


def test_title_note_header_and_total():
    ws = _sheet()
    style_titled_table(ws, 3, bold_total=True)
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A1:C1", "A2:C2"]
    assert ws["A1"].font.bold and ws["A1"].alignment.horizontal == "center" and ws["A2"].alignment.wrap_text
    # by hand: row 3 (header) and row 5 (合计) bold, row 4 not; only the header shaded
    assert [ws.cell(r, 1).font.bold for r in (3, 4, 5)] == [True, False, True]
    assert [ws.cell(r, 2).fill.fgColor.rgb for r in (3, 4)] == ["00EEF3F8", "00000000"]
    assert all(ws.cell(r, c).border.left.style == "thin" for r in (3, 4, 5) for c in (1, 2, 3))


def test_the_total_stays_plain_unless_asked():
    ws = _sheet()
    style_titled_table(ws, 3)
    assert [ws.cell(r, 1).font.bold for r in (3, 4, 5)] == [True, False, False]
