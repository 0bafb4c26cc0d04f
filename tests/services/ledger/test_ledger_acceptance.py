"""Issue 21 items 7, 11 and 12 on the ledger side: what the import must refuse or say, through the public
command line, on SQLite and PostgreSQL; the database is untouched whenever a ledger is refused."""

from datetime import date

import openpyxl
import pytest

from app.services.ledger.ledger_service import LedgerService
from tests.conftest import fixed_today
from tests.services.ledger_window_shapes import sheets_ledger
from tests.services.ledger.test_ledger_bad_input import cli, row as full_row, seeded
from tests.services.ledger.test_ledger_office import snapshot

HEADER = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容")


def row(**changes):
    return full_row(**changes)[:len(HEADER)]


def write(path, rows, errors=()):
    """``errors`` = (row, column) cells written as Excel error values (#N/A), as a failed VLOOKUP leaves."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(HEADER))
    for r in rows:
        ws.append(list(r))
    for r, c in errors:
        ws.cell(r, c).value = "#N/A"
        ws.cell(r, c).data_type = "e"
    wb.save(path)
    return path


CASES = [
    ("#N/A applicant", [row(申请编号="N-1")], [(2, 4)],
     "第2行“申请人”列：是Excel错误值“#N/A”（公式出错，没有值）：请在台账中改为正确的申请人后再导入"),
    ("#REF! typed as text", [row(申请编号="N-2", 申请人="#REF!")], [],
     "第2行“申请人”列：是Excel错误值“#REF!”（公式出错，没有值）：请在台账中改为正确的申请人后再导入"),
    # NFKC: the full-width Ａ１ is the number A1 (a clerk cannot tell them apart on screen)
    ("Ａ１ and A1", [row(申请编号="Ａ１"), row(申请编号="A1")], [], "第3行“申请编号”列：“A1”与第2行重复"),
    ("zero-width in number", [row(申请编号="A\u200b2")], [],
     "第2行“申请编号”列：含有不可见字符U+200B（零宽空格）：请在台账中删除后再导入"),
    ("U+202E in name", [row(申请编号="R-1", 申请人="张\u202e三")], [],
     "第2行“申请人”列：含有不可见字符U+202E（从右向左覆盖）：请在台账中删除后再导入"),
    ("BOM in content", [row(申请编号="R-2", 申请内容="\ufeff某文件")], [],
     "第2行“申请内容”列：含有不可见字符U+FEFF（零宽不换行空格（BOM））：请在台账中删除后再导入"),
    # openpyxl leaves Excel's _xHHHH_ escapes as written; decoded, U+0007 is a control character
    ("_x0007_ in content", [row(申请编号="X-1", 申请内容="某文件_x0007_")], [],
     "第2行“申请内容”列：含有控制字符U+0007（不可见，Excel中可能写作_x0007_）：请删除后再导入"),
    ("_x0007_ in name", [row(申请编号="X-2", 申请人="张三_x0007_")], [],
     "第2行“申请人”列：含有控制字符U+0007：申请人只能是一行可见文字，请删除后再导入"),
    ("address over the table's limit", [list(row(申请编号="L-1")) + ["某" * 301]], [],
     "第2行“通信地址”列：有301个字，超过了300个字的上限：请删减"),
]


@pytest.mark.parametrize("name, rows, errors, expected", CASES, ids=[c[0] for c in CASES])
def test_refused_cells(any_db, capsys, tmp_path, name, rows, errors, expected):
    before = seeded(any_db, capsys, tmp_path)
    path = write(tmp_path / "bad.xlsx", rows, errors)
    if len(rows[0]) > len(HEADER):                  # the address case carries one more column
        wb = openpyxl.load_workbook(path)
        wb.active.cell(1, len(HEADER) + 1).value = "通信地址"
        wb.save(path)
    code, _, err = cli(any_db, capsys, "import-ledger", str(path))
    assert code == 1
    assert f"  {expected}" in err.splitlines(), err
    assert snapshot(any_db) == before


def test_an_escaped_underscore_is_kept_as_text(any_db, capsys, tmp_path):
    """Excel writes the literal text _x0041_ as _x005F_x0041_: it decodes to itself, not to “A”."""
    path = write(tmp_path / "u.xlsx", [row(申请编号="U-1", 申请内容="编号_x005F_x0041_的文件_x4E00_")])
    rows = LedgerService(any_db, fixed_today(date(2026, 12, 7))).read(path).adds
    assert [r.description for r in rows] == ["编号_x0041_的文件一"]      # _x4E00_ is 一


def test_sheets_read_and_skipped_are_named(any_db, capsys, tmp_path):
    code, out, err = cli(any_db, capsys, "import-ledger", str(sheets_ledger(tmp_path / "s.xlsx")))
    assert code == 0, err
    lines = out.splitlines()
    # the visible sheet 2025 is read, though the hidden 旧台账 has one column more
    assert lines[0] == "读取工作表“2025”，第1行为表头。"
    assert lines[1:4] == ["提示：工作表“2024”也有台账表头，本次未读取：如需导入，请另选该工作表再导入一次",
                          "提示：隐藏的工作表“旧台账”也有台账表头，本次未读取：如需导入，请另选该工作表再导入一次",
                          "提示：工作表“说明”没有台账表头，未读取"]
    assert snapshot(any_db)[2][0][0] == "S-2025-1" and snapshot(any_db)[0] == 1
    # chosen by name, the hidden sheet is read, and the report says it is hidden
    code, out, err = cli(any_db, capsys, "import-ledger", str(tmp_path / "s.xlsx"), "--sheet", "旧台账")
    assert code == 0, err
    assert "提示：读取的工作表“旧台账”是隐藏的工作表" in out.splitlines()


def test_text_field_limits_are_the_models_lengths():
    """One table of text-field limits; each equals its model column's String(n), and the ledger's limits
    are taken from it (so registration and import refuse the same lengths on both databases)."""
    from app.models import Base
    from app.workflow.field_limits import TEXT_FIELDS, too_long
    from app.workflow.ledger_columns import LIMITS

    tables = Base.metadata.tables
    for key, f in TEXT_FIELDS.items():
        table, column = key.split(".")
        assert tables[table].c[column].type.length == f.max_len, key
    assert LIMITS == {f.label: f.max_len for k, f in TEXT_FIELDS.items()
                      if k not in ("requests.collection_place", "requests.collection_hours")}
    # the refusal a form (registration) gives, naming the field and the fix
    assert too_long("requests.address", "某" * 300) == ""
    assert too_long("requests.address", "某" * 301) == "通信地址有301个字，超过了300个字的上限：请删减"


def test_two_imports_of_the_same_file_at_once(any_db, clerk, tmp_path, monkeypatch):
    """The second import read the ledger before the first one wrote it; it is told why in Chinese."""
    path = write(tmp_path / "same.xlsx", [row(申请编号="C-1"), row(申请编号="C-2")])
    svc = LedgerService(any_db, fixed_today(date(2026, 12, 7)))
    rival = LedgerService(any_db, fixed_today(date(2026, 12, 7)))
    original = LedgerService.read

    def read_then_lose_the_race(self, *args, **kwargs):
        plan = original(self, *args, **kwargs)
        if self is svc:
            assert rival.import_file(clerk, path).created == 2       # the other import wins meanwhile
        return plan
    monkeypatch.setattr(LedgerService, "read", read_then_lose_the_race)
    result = svc.import_file(clerk, path)
    assert [str(e) for e in result.errors] == [
        "另一次导入刚刚添加了本台账中相同的申请（C-1、C-22件），本次导入未写入任何数据。"
        "请重新导入：已添加的申请此时会算作“无变化”或“更新”，不会重复。"]
    assert "IntegrityError" not in str(result.errors[0])
    assert snapshot(any_db)[0] == 2
