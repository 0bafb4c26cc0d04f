"""``exchange export``, ``exchange import`` and ``city-summary`` as offices script them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from app.services.uow import Database
from app.workflow.vocabulary import Role
from tests.conftest import TEST_PASSWORD, configure_test_office, login_as
from tests.services.exchange_support import BUREAU_CODE, CITY_CODE, locked_bureau, name_agency

ROOT = Path(__file__).resolve().parents[1]


def run(*args, password: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "DISCLOSURE_DESK_PASSWORD"}
    if password is not None:
        env["DISCLOSURE_DESK_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env, stdin=subprocess.DEVNULL)


def make_offices(tmp_path) -> tuple[Path, Path]:
    bureau, city = tmp_path / "bureau.sqlite3", tmp_path / "city.sqlite3"
    db = configure_test_office(Database.open(str(bureau)))
    locked_bureau(db)
    db.dispose()
    db = configure_test_office(Database.open(str(city)))
    name_agency(db, CITY_CODE, "某某市人民政府办公室")
    login_as(db, "chief1", "赵科长", Role.CHIEF)
    db.dispose()
    return bureau, city


def test_export_import_and_summary_from_the_command_line(tmp_path):
    bureau, city = make_offices(tmp_path)
    out = tmp_path / "to-city"
    out.mkdir()
    r = run("--db", str(bureau), "exchange", "export", "--year", "2025", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("已写入：") == 15 and f"{BUREAU_CODE}_manifest_2025.json" in r.stdout
    r = run("--db", str(city), "--user", "chief1", "exchange", "import", str(out), password=TEST_PASSWORD)
    assert r.returncode == 0, r.stderr
    assert "新增：某某市自然资源和规划局（11440300MB2C12345X）2025年年度报告数据" in r.stdout
    assert r.stdout.splitlines()[-1] == "新增14个，替换0个，未变0个。"
    r = run("--db", str(city), "--user", "chief1", "exchange", "import", str(out), password=TEST_PASSWORD)
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "新增0个，替换0个，未变14个。"
    xlsx, province = tmp_path / "city.xlsx", tmp_path / "to-province"
    province.mkdir()
    r = run("--db", str(city), "city-summary", "--year", "2025", "--out", str(xlsx), "--exchange-out", str(province))
    assert r.returncode == 0, r.stderr
    assert "某某市人民政府办公室2025年政府信息公开工作年度报告汇总表已导出" in r.stdout and "计入1个机关" in r.stdout
    sheet = load_workbook(xlsx)["表三 依申请公开"]
    assert [sheet.cell(5, c).value for c in range(4, 11)] == [5, 4, 4, 4, 3, 4, 24]     # EXPECTED_2025 一
    aggregate = json.loads((province / f"{CITY_CODE}_annual-report_2025.json").read_text("utf-8"))
    assert aggregate["scope"] == "aggregate" and aggregate["members"] == [
        {"code": BUREAU_CODE, "name": "某某市自然资源和规划局"}]
    assert aggregate["data"]["table3"]["new"] == [5, 4, 4, 4, 3, 4, 24]
    db = configure_test_office(Database.open(str(tmp_path / "province.sqlite3")))      # the province takes it in
    db.dispose()
    r = run("--db", str(tmp_path / "province.sqlite3"), "exchange", "import", str(province))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == (f"新增：某某市人民政府办公室（{CITY_CODE}）2025年年度报告数据"
                                        f"（{CITY_CODE}_annual-report_2025.json）")


def test_import_refuses_a_tampered_file_naming_it(tmp_path):
    bureau, city = make_offices(tmp_path)
    out = tmp_path / "to-city"
    out.mkdir()
    assert run("--db", str(bureau), "exchange", "export", "--year", "2025", "--month", "3",
               "--out", str(out)).returncode == 0
    target = out / f"{BUREAU_CODE}_monthly-statistics_2025-03.json"
    target.write_text(target.read_text("utf-8").replace('"received": 19', '"received": 18'), encoding="utf-8")
    r = run("--db", str(city), "--user", "chief1", "exchange", "import", str(target), password=TEST_PASSWORD)
    assert r.returncode == 1
    assert r.stderr.strip() == (f"未导入任何文件：\n文件“{target.name}”的SHA-256校验值与清单不符：文件在导出后被改动过"
                                "（可能被篡改），请向来源机关核实并重新发送。")
    r = run("--db", str(city), "--user", "chief1", "exchange", "import", str(out / "nothing.json"),
            password=TEST_PASSWORD)
    assert r.returncode == 1 and "不存在" in r.stderr


def test_summary_without_locked_reports_is_refused(tmp_path):
    _bureau, city = make_offices(tmp_path)
    r = run("--db", str(city), "city-summary", "--year", "2025", "--out", str(tmp_path / "c.xlsx"))
    assert r.returncode == 1 and "尚未导入任何机关已锁定的2025年度报告" in r.stderr
    assert not (tmp_path / "c.xlsx").exists()
