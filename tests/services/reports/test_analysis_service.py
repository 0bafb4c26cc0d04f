"""数据分析 on a ledger made for the test: every figure worked out by hand (SQLite and PostgreSQL)."""

from datetime import date

import openpyxl
import pytest

from app.services.reports.analysis_service import AnalysisService
from app.services.ledger.ledger_service import LedgerService
from app.services.reports.review_register import ReviewInput, ReviewRegister
from app.workflow.ledger_row import COLUMNS
from tests.conftest import fixed_today

TODAY = date(2025, 6, 30)
START, END = date(2025, 3, 1), date(2025, 4, 30)
# number, received, channel, applicant, type, content, dept, 补正告知, 补正收到, 征求始, 征求终, 延期, 结果, 答复, 备注
LEDGER = [
    ("A", date(2025, 3, 3), "当面", "张三", "自然人", "申请公开红星村房屋征收补偿安置方案", "规划科",
     None, None, None, None, "否", "予以公开", date(2025, 3, 10), None),
    ("B", date(2025, 3, 3), "网络", "张三", "自然人", "申请公开某小区电梯加装审批情况", "规划科",
     None, None, None, None, "否", "予以公开", date(2025, 3, 17), None),
    ("C", date(2025, 3, 5), "邮寄", "某某置业有限公司", "商业企业", "请提供东城区房屋征收的补偿标准文件", "用地科",
     None, None, None, None, "否", "属于国家秘密", date(2025, 3, 19), None),
    ("D", date(2025, 3, 10), "当面", "李四", "自然人", "申请公开某路段交通信号灯设置情况", "用地科",
     date(2025, 3, 11), date(2025, 3, 14), None, None, "否", "本机关不掌握相关政府信息", date(2025, 4, 15), None),
    ("E", date(2025, 3, 20), "网络", "王五", "自然人", "关于李家庄征收补偿款发放情况", "规划科",
     None, None, date(2025, 3, 24), date(2025, 4, 1), "是", "部分公开", date(2025, 4, 2), None),
    ("F", date(2025, 3, 25), "当面", "赵六", "自然人", "申请公开本单位食堂采购合同文件", None,
     None, None, None, None, None, None, None, None),
    ("G", date(2025, 2, 20), "当面", "张三", "自然人", "申请公开某学校招生计划文件", "规划科",
     None, None, None, None, "否", "予以公开", date(2025, 3, 4), None),
    ("H", date(2025, 5, 6), "当面", "孙七", "自然人", "申请公开某学校招生计划文件", "规划科",
     None, None, None, None, None, None, None, None),
]


@pytest.fixture
def ledger_db(any_db, tmp_path, clerk):
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    for row in LEDGER:
        wb.active.append(list(row))
    wb.save(tmp_path / "ledger.xlsx")
    assert LedgerService(any_db, fixed_today(TODAY)).import_file(clerk, tmp_path / "ledger.xlsx").ok
    reviews = ReviewRegister(any_db, fixed_today(TODAY))
    reviews.add(clerk, ReviewInput("行政复议", date(2025, 4, 1), "纠正", date(2025, 4, 20), "C"))
    reviews.add(clerk, ReviewInput("未经复议直接起诉", date(2025, 3, 15), "", None, "A"))
    reviews.add(clerk, ReviewInput("行政复议", date(2025, 1, 15), "维持", date(2025, 2, 20), "G"))  # outside
    return any_db


def test_period_figures_counted_by_hand(ledger_db, clerk):
    r = AnalysisService(ledger_db, fixed_today(TODAY)).analyse(clerk, START, END)
    f = r.figures
    # Received in 2025-03-01..04-30: A B C D E F (G was received in February, H in May).
    assert f.received == 6
    # Replied in the period: G 03-04, A 03-10, B 03-17, C 03-19 (March); E 04-02, D 04-15 (April).
    assert f.replied == 6
    assert f.by_month == (("2025-03", 6, 4), ("2025-04", 0, 2))
    assert f.by_channel == (("当面", 3), ("网络", 2), ("邮寄", 1))
    assert f.by_applicant_type == (("自然人", 5), ("商业企业", 1))
    assert f.by_department == (("规划科", 3), ("用地科", 2), ("（未分办）", 1))
    assert dict(f.by_outcome) == {"予以公开": 3, "部分公开": 1, "属于国家秘密": 1, "本机关不掌握相关政府信息": 1}
    # Due dates: A 03-03+20 = 03-31; B same; C 03-05+20 = 04-02; G 02-20+20 = 03-20;
    # E far later (paused + 20-day extension); D restarts at 补正 received 03-14: 17-21 (5), 24-28 (10),
    # 31 (11), 04-01..03 (14), 04-04 清明 holiday, 07-11 (19), 14 (20) → due 04-14, replied 04-15: late.
    assert (f.on_time.count, f.on_time.base) == (5, 6)
    assert f.on_time.percent() == "83.3%"
    # Working days after receipt through reply: A 03-04..10 = 5; B to 03-17 = 10; C 03-06..19 = 10;
    # G 02-21, 24-28, 03-03, 04 = 8; E 03-21, 24-28, 31, 04-01, 02 = 9;
    # D 03-11..14 (4), 17-21 (9), 24-28 (14), 31 (15), 04-01..03 (18), 07-11 (23), 14, 15 (25) = 25.
    # Sorted 5 8 9 10 10 25: median (9 + 10) / 2 = 9.5; 90th percentile, nearest rank ceil(5.4) = 6th = 25.
    assert f.median_days == 9.5
    assert f.p90_days == 25
    # Of the six received: 补正 D; consultation E; extension E; no fee.
    assert (f.corrections.count, f.corrections.base) == (1, 6)
    assert (f.consultations.count, f.extensions.count, f.fees.count) == (1, 1, 0)
    assert f.corrections.percent() == "16.7%"
    # Filed in the period: one review (04-01), one lawsuit (03-15); per 100 replies: 1 × 100 / 6 = 16.67.
    assert (f.reviews_filed, f.lawsuits_filed) == (1, 1)
    assert f.reviews_per_100 == 16.67 and f.lawsuits_per_100 == 16.67
    # Decided in the period: the review of C, corrected → 纠错率 1/1; G's (decided in February) is outside.
    assert (f.corrected.count, f.corrected.base) == (1, 1)
    # Repeat applicants among those received: 张三 A, B (G was received before the period).
    assert [(a.name, a.count) for a in f.repeat_applicants] == [("张三", 2)]
    # 征收补偿: A (张三), C (置业公司), E (王五) — three wordings, three applicants.
    assert [(g.count, g.applicants) for g in r.subjects] == [(3, 3)]
    assert [c.number for c in AnalysisService(ledger_db).cases(r.subjects[0].case_ids)] == ["A", "C", "E"]


def test_repeat_applicants_are_masked_for_a_handler(ledger_db, handler):
    r = AnalysisService(ledger_db, fixed_today(TODAY)).analyse(handler, START, END)
    assert r.names_masked
    assert [(a.name, a.count) for a in r.figures.repeat_applicants] == [("张*", 2)]


def test_an_inverted_period_is_refused(ledger_db, clerk):
    from app.errors import ValidationError

    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        AnalysisService(ledger_db).analyse(clerk, END, START)
