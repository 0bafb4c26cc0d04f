"""The full text is not exported with an empty section 五 unless the office confirms “无”."""

import pytest
from docx import Document
from PySide6.QtWidgets import QMessageBox

from app.ui.common import prompts
from tests.modal import through_modal
from tests.services.reports.test_report_service import WRITTEN_ONE
from tests.ui.reports.test_annual_report_view import answers, service, settle, view  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_empty_five_needs_the_office_to_confirm_none(qtbot, view, service, answers, tmp_path):  # noqa: F811
    """The real question box: its text names the button it has (是), 否 exports nothing, 是 stores 无."""
    prompts.set_answer("confirm", None)                     # the app's own question, answered for real
    service.save_sections(view._actor, 2024, {"五": "2024年：答复时限把握不严，已建立台账提醒。"})
    service.save_sections(view._actor, 2025, {"一": WRITTEN_ONE})     # only 五 is missing
    service.save_table2(view._actor, 2025, {"licences": 7})
    view.refresh()
    settle(qtbot, view)
    answers.save_path = str(tmp_path / "年报")              # the OS file chooser

    def press(button):
        def handle(box: QMessageBox) -> tuple[str, str, list]:
            seen = (box.windowTitle(), box.text(), [box.standardButton(b) for b in box.buttons()])
            box.button(button).click()
            return seen
        return handle
    _, (title, text, buttons) = through_modal(QMessageBox, press(QMessageBox.No), lambda: view.export("docx"))
    assert title == "第五部分尚未填写"
    assert "上年度报告第五部分为：\n2024年：答复时限把握不严，已建立台账提醒。" in text
    # the text names the button the box has (是/否 in the app's Chinese Qt), not a “确定” it lacks
    assert "点击“是”将其填写为“无”" in text and sorted(buttons) == sorted([QMessageBox.Yes, QMessageBox.No])
    assert not (tmp_path / "年报.docx").exists() and not view.busy
    assert service.report(2025).sections.get("五", "") == ""
    through_modal(QMessageBox, press(QMessageBox.Yes), lambda: view.export("docx"))
    qtbot.waitUntil(lambda: bool(answers.of("info")), timeout=20000)
    assert service.report(2025).sections["五"] == "无"
    text = "\n".join(p.text for p in Document(str(tmp_path / "年报.docx")).paragraphs)
    assert "五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项" in text
    answers.shown.clear()
    view.export("xlsx")                         # the tables alone need no section 五: no question
    qtbot.waitUntil(lambda: bool(answers.of("info")), timeout=20000)


def test_last_years_published_carry_over_typed_in_is_checked(qtbot, view, service, answers):  # noqa: F811
    carried = list(view.data.table3.cells["carried"])
    typed = carried[:]
    typed[0] += 1
    typed[6] += 1
    answers.forms.append({f"c{i}": v for i, v in enumerate(typed)})
    view.type_published_carry_over()
    settle(qtbot, view)
    assert any("2024年已公布报告（录入）" in view.findings.item(i).text() for i in range(view.findings.count()))


def test_zeros_in_table_two_are_asked_about_and_placeholders_refused_before_a_file_is_chosen(
        qtbot, view, service, answers, tmp_path):  # noqa: F811
    prompts.set_answer("confirm", None)
    service.save_sections(view._actor, 2025, {"五": "无"})
    view.refresh()
    settle(qtbot, view)
    answers.save_path = str(tmp_path / "年报")

    def no(box: QMessageBox) -> str:
        box.button(QMessageBox.No).click()
        return box.windowTitle()
    _, title = through_modal(QMessageBox, no, lambda: view.export("pdf"))
    assert title == "表二各项均为0" and not service.table_two_zero_confirmed(2025)
    assert not (tmp_path / "年报.pdf").exists()

    def yes(box: QMessageBox) -> str:
        box.button(QMessageBox.Yes).click()
        return box.text()
    _, text = through_modal(QMessageBox, yes, lambda: view.export("pdf"))
    assert "点击“是”确认均为0后导出" in text and service.table_two_zero_confirmed(2025)
    # section 一 is still the generated draft: refused with the service's words, no file chosen
    assert answers.of("error")[-1].startswith("2025年度报告全文未导出：“一、总体情况”中还有“（请填写）”未写")
    assert not (tmp_path / "年报.pdf").exists() and not view.busy
