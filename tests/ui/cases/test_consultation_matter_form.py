"""The 发起征求意见 dialog (issue 18.13): its 征求意见事项 starts as the description, is flagged live while it
holds the applicant's data, and what the clerk leaves there is stored; the case view offers its correction."""
# ruff: noqa: F811

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.cases.case_actions import ActionContext, _start_consultation
from app.ui.common.form_dialog import FormDialog
from app.workflow.deadline import PauseKind
from tests.ui.desk_support import answers, application, office, type_text  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
DESCRIPTION = "本人李四，住某某市某某区文一路100号，申请公开邻居加建车库的建设工程规划许可证"
MATTER = "文一路102号加建车库的建设工程规划许可证"
SHOTS = Path("/work/shots/knowledge")


def test_the_matter_defaults_to_the_description_is_flagged_then_corrected(qtbot, office):
    s = office.services
    d = s.requests.register(office.clerk, application(address="某某市某某区文一路100号", description=DESCRIPTION))
    d = s.cases.assign(office.clerk, d.id, d.version, office.dept)
    form = _start_consultation(ActionContext(s, office.handler, d, date(2025, 1, 22)))
    dialog = FormDialog(None, form.title, form.fields, form.submit, form.intro, form.preview, date(2025, 1, 22))
    qtbot.addWidget(dialog)
    dialog.show()
    matter = dialog.widget("matter")
    assert matter.toPlainText() == DESCRIPTION
    type_text(dialog.widget("party"), "某某置业有限公司")
    qtbot.waitUntil(lambda: dialog.preview_text() != "")
    assert dialog.preview_text().startswith("征求意见事项含有申请人的姓名（名称）、住址。")
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "consultation-matter-flagged.png"))
    matter.setPlainText(MATTER)
    qtbot.waitUntil(lambda: dialog.preview_text() == "")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.result_value is not None
    c = s.requests.detail(d.id).consultations[-1]
    assert (c.kind, c.party, c.matter, c.matter_flag) == (PauseKind.THIRD_PARTY.value, "某某置业有限公司", MATTER, "")
