"""依申请转主动公开 (Art 44), as the clerk does it: 数据分析 → 依申请转主动公开 → 生成候选 (three applicants
asked about 征收补偿) → 作出决定 转为主动公开 in the real form → a later request on that subject is told at
registration that it is already published, and is registered. Real start-up, real dialogs and message
boxes; SQLite and PostgreSQL."""

import openpyxl
from PySide6.QtCore import QDate
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from app.models import Event
from app.ui.common.form_dialog import FormDialog
from app.workflow.ledger_row import COLUMNS
from tests.journeys.conftest import PASSWORD
from tests.journeys.drive import WAIT, fill, log_in, ok, open_window
from tests.modal import through_modal
from tests.services.reports.test_analysis_service import LEDGER
from tests.ui.desk_support import type_text

SHOTS = Path("/work/shots/knowledge")     # screenshots for the review, taken only where the folder exists


def _shot(widget, name: str) -> None:
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / name))


def _press_ok(box: QMessageBox) -> str:
    text = box.text()
    box.button(QMessageBox.Ok).click()
    return text


def _history(office, tmp_path) -> None:
    """The office's ledger of earlier requests (A, C, E: 征收补偿 in three wordings by three applicants)."""
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    for row in LEDGER:
        wb.active.append(list(row))
    wb.save(tmp_path / "ledger.xlsx")
    clerk = office.services.office.login("clerk1", PASSWORD)
    assert office.services.ledger.import_file(clerk, tmp_path / "ledger.xlsx").ok


def test_frequent_subject_is_converted_and_a_later_request_is_told(qtbot, office, journey, tmp_path):
    _history(office, tmp_path)
    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    holder = window._nav_pages[window.page_titles().index("数据分析")]
    window.show_page(holder)
    page = holder.ensure_built()
    page.start_edit.setDate(QDate(2025, 3, 1))
    page.end_edit.setDate(QDate(2025, 4, 30))
    page.tabs.setCurrentWidget(page.proactive)
    panel = page.proactive

    _, told = through_modal(QMessageBox, _press_ok, panel.propose_button.click)
    assert told == "2025-03-01至2025-04-30：新增或更新候选1项。"
    assert panel.model.rowCount() == 1 and panel.model.index(0, 6).data() == "待决定"
    # the candidate shows how its requests were answered: C 属于国家秘密, E 部分公开, A 予以公开
    outcomes = panel.model.index(0, 4).data()
    assert {"不予公开（属于国家秘密）1件", "部分公开1件", "予以公开1件"} == set(outcomes.split("、"))
    panel.table.selectRow(0)

    def convert(dialog: FormDialog) -> tuple[str, str, str]:
        assert dialog.widget("decision").currentText() == "转为主动公开"
        intro = dialog.findChild(QLabel, "dialogIntro").text()
        fill(dialog, column_name="法定主动公开内容 > 征收补偿", url="https://example.gov.cn/zsbc",
             doc_number="江南自然资规〔2025〕8号")
        ok(dialog)                                   # no reason yet: refused, the dialog stays open
        refused = dialog.error_text("reason")
        fill(dialog, reason="拟公开的是补偿安置方案和补偿标准；涉密文件和个人补偿金额不在其中")
        _shot(dialog, "art44-decision-warning.png")
        title = dialog.windowTitle()
        ok(dialog)
        return title, intro, refused
    _, (title, intro, refused) = through_modal(FormDialog, convert, panel.decide_button.click)
    assert title.startswith("转主动公开决定：")
    assert intro.startswith("注意：该事项的申请中有2件答复为不予公开或部分公开") and "属于可以公开的" in intro
    assert refused.startswith("该事项的申请中有2件答复为不予公开或部分公开") and "“理由或说明”" in refused
    assert panel.model.index(0, 6).data() == "转为主动公开"
    assert panel.model.index(0, 7).data() == "2025-06-30"      # the form's date defaults to today
    panel.window().resize(1366, 768)
    panel.table.resizeColumnsToContents()
    _shot(panel.window(), "art44-candidate-outcomes.png")
    with office.db.uow() as uow:
        who = uow.session.execute(select(Event.actor, Event.new).where(Event.kind.like("%主动公开%"))).all()
    assert ("clerk1", "转为主动公开") in [tuple(w) for w in who]

    # a later request on the same subject, typed at 登记
    window.new_registration()
    reg = window.registration
    type_text(reg.form.widgets["applicant_name"], "钱八")
    type_text(reg.form.widgets["description"], "请公开我家房屋征收补偿的评估结果")
    qtbot.waitUntil(lambda: reg.proactive_box.isVisibleTo(reg), timeout=WAIT)
    note = reg.proactive_label.text()
    assert ("已于2025-06-30转为主动公开（法定主动公开内容 > 征收补偿，https://example.gov.cn/zsbc，"
            "文号江南自然资规〔2025〕8号）") in note
    assert "按第三十六条第（一）项答复（已主动公开）" in note
    reg.save_button.click()
    assert reg.saved is not None and reg.saved.applicant_name == "钱八"
    assert reg.success_box.isVisible() and reg.unsaved_changes() is None
    assert journey.seen == []
