"""The command line is a public interface: run it as offices script it."""

import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.services.ledger.test_ledger import GOOD, write

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def test_import_export_round_trip(tmp_path):
    db = tmp_path / "cli.sqlite3"
    ledger = write(tmp_path / "in.xlsx", GOOD)
    r = run("--db", str(db), "import-ledger", str(ledger))
    assert r.returncode == 0, r.stderr
    assert "新增4件" in r.stdout
    r = run("--db", str(db), "export-ledger", str(tmp_path / "out.xlsx"), "--year", "2025")
    assert r.returncode == 0 and "4件" in r.stdout
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    # version 1 columns keep their places (A–Q); version 2 columns with data follow (domain §6)
    assert rows[0][15:17] == ("应答复日期", "状态") and len(rows) == 5
    # T-3's 补正 (default 15 days), T-4's consultation (a third party), T-2's extension; no contacts unasked.
    # The ledger gave no 延期理由, so none is stored (a notice may not say "因台账导入") and none is exported.
    assert rows[0][17:] == ("补正期限", "征求意见类型", "延期天数")
    r = run("--db", str(db), "export-ledger", str(tmp_path / "none.xlsx"), "--year", "2024")
    assert "0件" in r.stdout


def test_bad_ledger_exits_non_zero_and_writes_nothing(tmp_path):
    db = tmp_path / "cli.sqlite3"
    rows = [list(r) for r in GOOD]
    rows[1][1] = "明天"
    r = run("--db", str(db), "import-ledger", str(write(tmp_path / "bad.xlsx", rows)))
    assert r.returncode == 1
    assert "第3行“收到日期”列：无法识别的日期“明天”" in r.stderr
    assert "未写入任何数据" in r.stderr
    r = run("--db", str(db), "export-ledger", str(tmp_path / "out.xlsx"))
    assert "0件" in r.stdout


def test_demo_makes_a_new_database_with_its_administrator(tmp_path):
    from app.services.trust.office_service import OfficeService
    from app.services.uow import Database

    db = tmp_path / "demo.sqlite3"
    r = run("--db", str(db), "demo", "--cases", "20")
    assert r.returncode == 0, r.stderr
    assert "新增20件申请" in r.stdout
    [line] = [x for x in r.stdout.splitlines() if x.startswith("管理员账号 admin，初始密码：")]
    password = line.split("：")[1]
    assert len(password) == 10 and r.stdout.count(password) == 1          # printed once
    opened = Database.open(str(db))
    try:
        actor = OfficeService(opened).login("admin", password)
        assert actor.role.value == "管理员"
    finally:
        opened.dispose()


def test_demo_refuses_a_database_that_has_users_and_writes_nothing(tmp_path):
    import sqlite3

    db = tmp_path / "office.sqlite3"
    run("--db", str(db), "demo", "--cases", "12")

    def counts():
        with sqlite3.connect(db) as conn:
            return [conn.execute(f"select count(*) from {t}").fetchone()[0]
                    for t in ("requests", "users", "events", "letters", "settings")]
    before = counts()
    r = run("--db", str(db), "demo", "--cases", "12")
    assert r.returncode == 1 and r.stdout == ""
    assert "该数据库中已有用户，演示数据只能写入新的数据库" in r.stderr and "未写入任何内容" in r.stderr
    assert counts() == before
