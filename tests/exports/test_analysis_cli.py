"""``python -m app analysis``: the workbook's 集中申请事项 sheet and the Word report with its charts."""

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

from tests.services.reports.test_analysis_service import LEDGER
from tests.services.ledger.test_ledger import write

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def test_analysis_workbook_and_word_report(tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    assert run("--db", db, "import-ledger", str(write(tmp_path / "in.xlsx", LEDGER))).returncode == 0
    out = tmp_path / "a.xlsx"
    r = run("--db", db, "analysis", "--from", "2025-03-01", "--to", "2025-04-30", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "收到申请6件，办结6件，集中申请事项1项" in r.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "集中申请事项"
    rows = list(wb["集中申请事项"].iter_rows(values_only=True))
    assert rows[1][:5] == ("事项", "申请件数", "申请人数", "涉及处室", "代表性申请内容")
    label, count, applicants, departments, representative = rows[2][:5]
    assert "征收" in label and (count, applicants) == (3, 3)
    assert departments == "用地科、规划科"
    figures = {r[0]: r[1] for r in wb["主要指标"].iter_rows(values_only=True) if r and r[0]}
    assert figures["按期答复率"] == "83.3%" and figures["答复用时中位数（工作日）"] == 9.5
    assert {"分布", "重复申请人"} <= set(wb.sheetnames)

    word = tmp_path / "a.docx"
    r = run("--db", db, "analysis", "--from", "2025-03-01", "--to", "2025-04-30", "--out", str(word))
    assert r.returncode == 0, r.stderr
    text = "\n".join(p.text for p in docx.Document(word).paragraphs)
    assert "按期答复率83.3%" in text and "答复用时中位数9.5个工作日" in text
    assert "图1 各月收到与办结申请" in text
    images = [n for n in zipfile.ZipFile(word).namelist() if n.startswith("word/media/")]
    assert len(images) == 4


def test_analysis_refuses_other_suffixes(tmp_path):
    r = run("--db", str(tmp_path / "x.sqlite3"), "analysis", "--from", "2025-01-01", "--to", "2025-12-31",
            "--out", str(tmp_path / "a.pdf"))
    assert r.returncode == 1 and ".xlsx 或 .docx" in r.stderr
