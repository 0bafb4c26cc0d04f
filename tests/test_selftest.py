"""`selftest` checks the installation in a folder of its own and names what failed."""

import os
import subprocess
import sys
from pathlib import Path

from docx import Document

from app.selftest import CHECKS, run_selftest, summary

ROOT = Path(__file__).resolve().parents[1]


def test_selftest_passes_and_leaves_the_documents_it_made(tmp_path, qapp):
    lines = []
    results = run_selftest(tmp_path, keep=True, out=lines.append)
    assert [r.name for r in results] == [name for name, _ in CHECKS]
    assert all(r.ok for r in results), lines
    assert summary(results) == (0, "自检通过：9项检查全部正常。")    # incl. 用户手册 and the exchange schema
    assert lines[0] == f"自检目录：{tmp_path}"
    # The reply was registered with an Ext-B character (𠀾) in the applicant's name: it must reach Word.
    text = "".join(p.text for p in Document(str(tmp_path / "答复书.docx")).paragraphs)
    assert "张𠀾三：" in text
    for name in ("答复书.pdf", "2025年度报告.pdf", "2025年度报告.xlsx", "2025年度报告.docx",
                 "qt-offscreen.png", "selftest.sqlite3"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert b"/FontFile2" in (tmp_path / "2025年度报告.pdf").read_bytes()


def test_selftest_command_fails_naming_the_broken_font(tmp_path):
    # A "font" that is not a TrueType file, named first by the documented override variable.
    broken = tmp_path / "仿宋_GB2312.ttf"
    broken.write_bytes(b"not a font")
    env = {**os.environ, "DISCLOSURE_DESK_FONT_FANGSONG": str(broken), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "app", "selftest"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[通过] 数据库打开与迁移" in proc.stdout
    assert "[失败] 中文字体" in proc.stdout
    # The letter and the report's PDF are set in 仿宋 too, so they fail with it; Qt still starts.
    assert "[通过] 界面（Qt离屏启动）" in proc.stdout and "[通过] 用户手册" in proc.stdout
    assert proc.stderr.strip().endswith("自检未通过：中文字体、文书（Word、PDF）、年度报告（xlsx、docx、pdf）。")


def test_a_failed_check_does_not_stop_the_others(tmp_path):
    # The database path is a folder that cannot hold a file: the database check fails by name, the letter
    # (which needs that database) too, and the other checks (the report has its own file) still run.
    (tmp_path / "selftest.sqlite3").mkdir()
    lines = []
    results = run_selftest(tmp_path, keep=True, out=lines.append)
    failed = [r.name for r in results if not r.ok]
    assert failed == ["数据库打开与迁移", "文书（Word、PDF）"]
    assert results[0].detail.startswith("无法打开或迁移数据库")
    code, text = summary(results)
    assert code == 1 and text.startswith("自检未通过：数据库打开与迁移")
