"""Every malformed ledger of issue 9's probe ends in a row-level Chinese message, exit code 1 and an
untouched database — on SQLite and on PostgreSQL (the command runs in-process against ``any_db``)."""

import re
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from app.cli import main
from tests.services.ledger.test_ledger_office import snapshot
from tests.services.ledger.test_ledger import GOOD, write

ROW = list(GOOD[0])     # T-1, received 2025-01-20, replied 2025-02-10


def url(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def cli(db, capsys, *args):
    code = main(["--db", url(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def row(**changes):
    r = list(ROW)
    names = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容")
    for k, v in changes.items():
        r[names.index(k)] = v
    return r


def seeded(db, capsys, tmp_path):
    code, _, err = cli(db, capsys, "import-ledger", str(write(tmp_path / "seed.xlsx", [row(申请编号="7")])))
    assert code == 0, err
    return snapshot(db)


CASES = [
    # 0 and 0.0 are both stored as the text "0": the second is a duplicate, not a UNIQUE crash
    ("stored-text duplicate", [row(申请编号="0"), row(申请编号=0.0)], "第3行“申请编号”列：“0”与第2行重复"),
    ("7.0 is the stored 7", [row(申请编号=7.0), row(申请编号="7")], "第3行“申请编号”列：“7”与第2行重复"),
    ("number too long", [row(申请编号="N" * 61)], "第2行“申请编号”列：有61个字，超过了60个字的上限：请删减"),
    ("name too long", [row(申请人="张" * 201)], "第2行“申请人”列：有201个字，超过了200个字的上限：请删减"),
    ("1900 receipt", [row(收到日期=date(1900, 1, 1))],
     "第2行“收到日期”列：1900-01-01早于《政府信息公开条例》施行日（2008-05-01），请核对年份"),
    ("future receipt", [row(收到日期="2027-01-04")], "第2行“收到日期”列：2027-01-04晚于今天，请核对"),
    ("TRUE as applicant", [row(申请人=True)], "第2行“申请人”列：是逻辑值TRUE，不是申请人：请填写文字"),
    ("tab in number", [row(申请编号="A\tB")], "第2行“申请编号”列：含有制表符：申请编号只能是一行可见文字，请删除后再导入"),
    ("line break in number", [row(申请编号="A\nB")], "第2行“申请编号”列：含有换行：申请编号只能是一行可见文字，请删除后再导入"),
    ("formula without value", [row(申请人="=B2&\"先生\"")],
     "第2行“申请人”列：是公式“=B2&\"先生\"”，文件中没有保存计算结果：请在Excel中打开台账、保存后再导入，或把该单元格改为公式的值"),
]


@pytest.mark.parametrize("name, rows, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_rows(any_db, capsys, tmp_path, name, rows, expected):
    before = seeded(any_db, capsys, tmp_path)
    code, _, err = cli(any_db, capsys, "import-ledger", str(write(tmp_path / "bad.xlsx", rows)))
    assert code == 1
    assert f"  {expected}" in err.splitlines(), err
    assert "未写入任何数据" in err
    assert snapshot(any_db) == before


def test_long_values_in_every_limited_column(any_db, capsys, tmp_path):
    """PostgreSQL would raise DataError for these; both databases give the same messages."""
    header = list(GOOD and ("申请编号", "收到日期", "申请人", "申请人类型", "申请内容", "承办处室", "联系电话",
                            "征求意见开始日期", "征求意见对象"))
    values = ["L-1", "2025-01-20", "甲", "自然人", "某文件", "科" * 101, "1" * 41, "2025-01-22", "某" * 201]
    before = seeded(any_db, capsys, tmp_path)
    code, _, err = cli(any_db, capsys, "import-ledger", str(write(tmp_path / "l.xlsx", [values], header)))
    assert code == 1
    for col, n, limit in (("承办处室", 101, 100), ("联系电话", 41, 40), ("征求意见对象", 201, 200)):
        assert f"  第2行“{col}”列：有{n}个字，超过了{limit}个字的上限：请删减" in err.splitlines(), err
    assert snapshot(any_db) == before


def _rewrite_sheet(path, change):
    """Rewrite the first sheet's XML inside the .xlsx (to build a file Excel did not write)."""
    src = zipfile.ZipFile(path)
    items = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return path


@pytest.mark.parametrize("name, change, expected", [
    ("cut off", lambda data: data[: len(data) * 2 // 3],
     r"工作表“Sheet”在第\d+行之后无法读取（文件不完整或含有非法字符"),
    ("invalid XML character", lambda data: re.sub(rb'(<row r="41"[^>]*>)', rb'\1<c r="Z41" t="inlineStr"><is><t>'
                                                  b'\x01</t></is></c>', data),
     r"工作表“Sheet”在第\d+行之后无法读取（文件不完整或含有非法字符"),
])
def test_broken_sheet_is_a_row_level_message(any_db, capsys, tmp_path, name, change, expected):
    before = seeded(any_db, capsys, tmp_path)
    rows = [list(r) for r in GOOD] * 30
    rows = [[f"X-{i}", *r[1:]] for i, r in enumerate(rows)]
    path = _rewrite_sheet(write(tmp_path / "cut.xlsx", rows), change)
    code, _, err = cli(any_db, capsys, "import-ledger", str(path))
    assert code == 1 and "Traceback" not in err
    assert re.search(expected, err), err
    assert snapshot(any_db) == before


def test_duplicate_header_columns_are_reported(any_db, capsys, tmp_path):
    before = seeded(any_db, capsys, tmp_path)
    header = ("申请编号", "申请时间", "受理日期", "申请人", "申请人类型", "申请内容", "申请人")
    values = ["D-1", "2025-01-20", "2025-01-21", "甲", "自然人", "某文件", "乙"]
    code, _, err = cli(any_db, capsys, "import-ledger", str(write(tmp_path / "d.xlsx", [values], header)))
    assert code == 1
    assert ("  第1行“收到日期”列：表头有重复的列：“申请时间”（第2列）、“受理日期”（第3列）都对应“收到日期”。"
            "请删除多余的一列，或用 --column 原列名=忽略 指明不用哪一列") in err.splitlines(), err
    assert ("  第1行“申请人”列：表头有重复的列：“申请人”（第4列）、“申请人”（第7列）都对应“申请人”。"
            "请删除多余的一列，或用 --column 原列名=忽略 指明不用哪一列") in err.splitlines(), err
    assert snapshot(any_db) == before
    code, out, err = cli(any_db, capsys, "import-ledger", str(tmp_path / "d.xlsx"), "--column", "受理日期=忽略",
                         "--column", "申请人=忽略")
    assert code == 1     # ignoring both 申请人 columns leaves none: still refused, with the reason
    assert "第1行“申请人”列：表头缺少此列" in err


def test_exact_header_wins_over_a_synonym(any_db, capsys, tmp_path):
    header = ("申请编号", "收到日期", "申请时间", "申请人", "申请人类型", "申请内容")
    values = ["E-1", "2025-01-20", "2025-01-06 09:00", "甲", "自然人", "某文件"]
    code, out, err = cli(any_db, capsys, "import-ledger", str(write(tmp_path / "e.xlsx", [values], header)))
    assert code == 0, err
    assert "提示：“申请时间”列未使用：表头已有“收到日期”列" in out


def test_export_to_a_missing_folder_or_a_csv_name(any_db, capsys, tmp_path):
    before = seeded(any_db, capsys, tmp_path)
    code, out, err = cli(any_db, capsys, "export-ledger", str(tmp_path / "nope" / "x.xlsx"))
    assert code == 1 and "Traceback" not in err
    assert f"未导出：输出文件夹“{tmp_path / 'nope'}”不存在：请先建立该文件夹，或另选一个位置" in err
    code, out, err = cli(any_db, capsys, "export-ledger", str(tmp_path / "x.csv"))
    assert code == 1
    assert "未导出：台账只能导出为Excel工作簿（.xlsx），“x.csv”的扩展名不对：请改为 x.xlsx" in err
    assert not (tmp_path / "x.csv").exists() and snapshot(any_db) == before


def test_bad_options_name_the_fix(any_db, capsys, tmp_path):
    path = write(tmp_path / "g.xlsx", [row()])
    code, _, err = cli(any_db, capsys, "import-ledger", str(path), "--value", "申请人类型=企业")
    assert code == 1 and "--value “申请人类型=企业”应写成 列名:原值=值" in err
    code, _, err = cli(any_db, capsys, "import-ledger", str(path), "--sheet", "台账2")
    assert code == 1 and "台账中没有名为“台账2”的工作表；工作表有：Sheet" in err
    assert snapshot(any_db)[0] == 0


def test_a_datetime_cell_in_1900_is_refused(any_db, capsys, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["申请编号", "收到日期", "申请人", "申请人类型", "申请内容"])
    wb.active.append(["Z-1", datetime(1900, 1, 1, 0, 0), "甲", "自然人", "某文件"])
    wb.save(tmp_path / "z.xlsx")
    code, _, err = cli(any_db, capsys, "import-ledger", str(tmp_path / "z.xlsx"))
    assert code == 1 and "早于《政府信息公开条例》施行日" in err


def test_limits_are_the_stored_column_lengths():
    """The ledger's limits are the models' String(n), so both databases refuse the same values."""
    from app.models import Consultation, Department, Request
    from app.workflow.ledger_columns import LIMITS

    stored = {"申请编号": Request.number, "申请人": Request.applicant_name, "承办处室": Department.name,
              "证件类型": Request.id_type, "证件号码": Request.id_number, "联系电话": Request.phone,
              "通信地址": Request.address, "邮政编码": Request.postcode, "电子邮箱": Request.email,
              "征求意见对象": Consultation.party, "答复类型": Request.decision, "答复文号": Request.reply_doc_number,
              "送达方式": Request.service_method}
    assert LIMITS == {k: c.property.columns[0].type.length for k, c in stored.items()}
