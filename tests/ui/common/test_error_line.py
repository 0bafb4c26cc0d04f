"""A dialog's red error line: shown in full, moves no field, and goes once the field is corrected."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from app.errors import ValidationError
from app.ui.common.form_dialog import FormDialog, FormField
from tests.ui.desk_support import type_text

SHOTS = Path("/work/shots/ui-rough")
LONG = ("答复日期不能早于答复书的成文日期（2025-07-01）：请把答复日期改为2025-07-01或以后；"
        "如答复确于此前作出，请先重新签发答复书，再登记答复。")
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _refuse_short_reason(values):
    if len(values["reason"]) < 4:
        raise ValidationError("收到补正的说明太短：请写明申请人补正了哪些内容（至少4个字）。", "reason")
    return values


@pytest.fixture
def dialog(qtbot):
    fields = [FormField("content", "补正内容", "multiline", required=True),
              FormField("day", "收到日期", "date"),
              FormField("reason", "说明", required=True),
              FormField("pages", "页数", "int", maximum=500,
                        check=lambda n: "页数须在1至500之间，请填写实际页数。" if n < 1 else "")]
    d = FormDialog(None, "收到补正", fields, _refuse_short_reason,
                   intro="申请人提交补正材料后，办理期限自收到补正之日起重新计算。请记录补正的内容和收到日期。")
    qtbot.addWidget(d)
    d.widget("pages").setValue(3)
    d.show()
    qtbot.waitExposed(d)
    return d


def _top(d, key: str) -> int:
    w = d.widget(key)
    return w.mapTo(d, QPoint(0, 0)).y()


def _ok(d) -> None:
    d._accept()


def test_the_error_line_moves_no_field(qtbot, dialog):
    before = {k: _top(dialog, k) for k in ("content", "day", "reason", "pages")}
    _ok(dialog)                                          # 补正内容 is empty
    assert dialog.error_text("content") == "请填写补正内容。"
    assert {k: _top(dialog, k) for k in before} == before
    dialog.show_error("请填写说明。", "reason")
    assert {k: _top(dialog, k) for k in before} == before


def test_a_long_message_is_shown_whole_and_covers_nothing(qtbot, dialog):
    dialog.show_error(LONG, "content")
    qtbot.wait(10)
    label = dialog._errors["content"]
    assert label.height() >= label.heightForWidth(label.width())      # every line of it
    field_bottom = dialog.widget("content").geometry().bottom()
    assert label.geometry().top() > field_bottom                       # under the field, not over it
    assert label.geometry().bottom() < dialog.widget("day").geometry().top()
    intro = dialog.findChild(type(label), "dialogIntro")
    assert intro.height() >= intro.heightForWidth(intro.width())        # the explanation above is whole
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "dialog-error-line.png"))


def test_a_missing_field_error_goes_once_it_is_filled(qtbot, dialog):
    _ok(dialog)
    assert dialog.error_text("content") == "请填写补正内容。"
    type_text(dialog.widget("content"), " ")
    assert dialog.error_text("content") == "请填写补正内容。"          # still blank: still said
    type_text(dialog.widget("content"), "补充了附图页码")
    assert dialog.error_text("content") == ""


def test_a_checked_field_error_follows_the_value(qtbot, dialog):
    dialog.widget("pages").setValue(0)
    assert dialog.error_text("pages") == "页数须在1至500之间，请填写实际页数。"
    dialog.widget("pages").setValue(12)
    assert dialog.error_text("pages") == ""


def test_a_service_refusal_goes_at_the_first_edit_of_its_field(qtbot, dialog):
    type_text(dialog.widget("content"), "补充了附图页码")
    type_text(dialog.widget("reason"), "补")
    _ok(dialog)
    assert dialog.error_text("reason").startswith("收到补正的说明太短")
    type_text(dialog.widget("content"), "。")                      # another field: the error stays
    assert dialog.error_text("reason").startswith("收到补正的说明太短")
    type_text(dialog.widget("reason"), "充附图")
    assert dialog.error_text("reason") == ""
    _ok(dialog)
    assert dialog.result_value["reason"] == "补充附图"
