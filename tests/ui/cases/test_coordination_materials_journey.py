"""Journey: materials filed with a department's 协办 answer and with a 会商 record, through the real window;
the 督办 page shows the unassigned overdue case; the 会商记录 page lists, filters and opens the records."""
# ruff: noqa: F811

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.ui.common import prompts
from app.workflow.transitions import Action, TaskAction
from tests.services.helpers import request_input
from tests.ui.form_dialog_support import choose
from tests.ui.modal_support import ModalAnswers, set_text
from tests.ui.cases.test_coordination_journey import desk, login, page, press, shot  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
# The desk's today is Mon 2025-02-17. 李四's case (received Mon 01-20) is due Fri 02-21; 王五's (received
# Mon 01-13) was due Fri 02-14 — 20 working days on the 2025 calendar: 春节 01-28…02-04 off, Sun 01-26 and
# Sat 02-08 worked (domain §3) — so it is one working day overdue, and nobody has given it a department.


def test_materials_live_with_their_task_and_record(qtbot, desk):
    services, depts, tmp = desk
    modal = ModalAnswers()
    opinion, sheet = b"%PDF-1.4 fagui opinion", b"%PDF-1.4 sign-in sheet"
    picked: list[Path] = []
    saved: list[str] = []
    prompts.set_answer("open_file", lambda title, filters: str(picked[-1]))
    prompts.set_answer("save_file", lambda title, suggested: saved.append(str(tmp / suggested)) or saved[-1])
    prompts.set_answer("open_document", lambda path: saved.append(path) or True)       # the system's viewer
    prompts.set_journey_mode(True)
    try:
        _journey(qtbot, services, depts, tmp, modal, picked, saved, opinion, sheet)
    finally:
        prompts.set_journey_mode(False)


def _pick(tmp: Path, picked: list[Path], name: str, data: bytes) -> None:
    p = tmp / "选择" / name
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(data)
    picked.append(p)


def _journey(qtbot, services, depts, tmp, modal, picked, saved, opinion, sheet):
    clerk_actor = services.office.login("wangdj", "secret1")
    d = services.requests.register(clerk_actor, request_input())
    licb = next(u for u in services.office.users() if u.username == "licb")
    d = services.cases.assign(clerk_actor, d.id, d.version, depts["规划科"], licb.id)
    orphan = services.requests.register(clerk_actor, request_input(applicant_name="王五",
                                                                   arrival_date=date(2025, 1, 13)))
    chief_actor = services.office.login("zhaokz", "secret1")
    services.deliberations.create(chief_actor, date(2025, 2, 10), "书面", "王五申请的档案检索", "赵科长、周档案",
                                  "档案室", orphan.id, "请档案室再行检索")          # an earlier record, for the list

    # 登记员 gives 法规科 a task on the case's 协办 tab
    clerk = login(qtbot, services, "wangdj", tmp)
    clerk.open_request(d.id)
    panel = clerk.detail.task_panel
    press(qtbot, modal, panel.add_button, lambda dlg: (choose(dlg, "department_id", "法规科"),
                                                       set_text(dlg, "brief", "核查附图是否涉及商业秘密")))
    press(qtbot, modal, panel.add_button, lambda dlg: (choose(dlg, "department_id", "档案室"),
                                                       set_text(dlg, "brief", "调取历史档案")))   # due Tue 02-18

    # 法规科 (it sees only its own task) files its opinion with its task, then answers
    law = login(qtbot, services, "sunfg", tmp)
    law.open_request(d.id)
    tp = law.detail.task_panel
    law.detail.tabs.setCurrentWidget(tp)
    assert tp.select("法规科")
    _pick(tmp, picked, "法规科意见.pdf", opinion)
    qtbot.mouseClick(tp.materials.add_button, Qt.LeftButton)
    tp.select("法规科")
    assert [tp.materials.list.item(i).text().split("（")[0] for i in range(tp.materials.list.count())] == [
        "法规科意见.pdf"]
    assert "法规科意见.pdf" in tp.answers.toPlainText()                 # with the answer, side by side
    assert services.attachments.list(d.id) == []                       # not a case attachment
    tp.materials.list.setCurrentRow(0)
    qtbot.mouseClick(tp.materials.open_button, Qt.LeftButton)          # a verified copy, to the viewer
    assert Path(saved[-1]).name == "法规科意见.pdf" and Path(saved[-1]).read_bytes() == opinion
    press(qtbot, modal, tp.action_buttons[TaskAction.ANSWER], lambda dlg: (
        set_text(dlg, "findings", "附图不涉及商业秘密"), choose(dlg, "proposed_decision", "予以公开")))
    tp.select("法规科")
    shot(qtbot, law, "coordination-task-materials.png")

    # 科室负责人 records a 会商 on the case and files the sign-in sheet with it, once
    chief = login(qtbot, services, "zhaokz", tmp)
    chief.open_request(d.id)
    dp = chief.detail.deliberation_panel
    press(qtbot, modal, dp.new_button, lambda dlg: (
        set_text(dlg, "participants", "赵科长、李承办、孙法规"), set_text(dlg, "departments", "规划科、法规科"),
        set_text(dlg, "conclusion", "附图不涉及商业秘密，予以公开"), choose(dlg, "decision", "予以公开")))
    _pick(tmp, picked, "签到表.pdf", sheet)
    qtbot.mouseClick(dp.materials.add_button, Qt.LeftButton)
    assert dp.selected().number == "某自然资规会商〔2025〕2号"
    assert [m.filename for m in dp.selected().materials] == ["签到表.pdf"]
    assert dp.materials.list.item(0).text().startswith("签到表.pdf（22 B，zhaokz，")

    # 督办: the unassigned, overdue case heads the page
    sup = page(clerk, "督办")
    assert [g.department for g in sup.groups] == ["未分派处室", "规划科", "档案室"]
    top = sup.tree.topLevelItem(0)
    assert top.text(0) == "未分派处室" and top.child(0).text(1) == orphan.number
    assert (top.child(0).text(3), top.child(0).text(4)) == ("2025-02-14", "逾期1天")
    sup.tree.clearSelection()
    shot(qtbot, clerk, "coordination-supervision-unassigned.png")

    # 会商记录: every record, newest first; filter; open one: its cases, conclusions, materials, minutes
    rec = page(clerk, "会商记录")
    rows = [(rec.model.index(r, 0).data(), rec.model.index(r, 1).data(), rec.model.index(r, 2).data(),
             rec.model.index(r, 4).data()) for r in range(rec.model.rowCount())]
    assert rows == [("2025-02-17", "某自然资规会商〔2025〕2号", "会议", "1件"),
                    ("2025-02-10", "某自然资规会商〔2025〕1号", "书面", "1件")]
    assert rec.selected().number == "某自然资规会商〔2025〕2号"
    assert "附图不涉及商业秘密，予以公开" in rec.record.toPlainText()
    assert rec.cases.item(0).text().startswith(d.number)
    assert rec.materials.list.item(0).text().startswith("签到表.pdf")
    rec.materials.list.setCurrentRow(0)
    qtbot.mouseClick(rec.materials.save_button, Qt.LeftButton)
    assert Path(saved[-1]).name == "签到表.pdf" and Path(saved[-1]).read_bytes() == sheet
    qtbot.mouseClick(rec.minutes_button, Qt.LeftButton)
    assert Path(saved[-1]).name == "会商纪要-某自然资规会商〔2025〕2号.pdf" and Path(saved[-1]).stat().st_size > 0
    shot(qtbot, clerk, "coordination-deliberation-records.png")
    rec.text.setText("档案室")                      # (QTest cannot type Chinese)
    qtbot.mouseClick(rec.search_button, Qt.LeftButton)
    assert [rec.model.row_at(r).number for r in range(rec.model.rowCount())] == ["某自然资规会商〔2025〕1号"]
    rec.text.clear()
    rec.by_date.setChecked(True)
    rec.date_from.setDate(rec.date_from.date().fromString("2025-02-15", "yyyy-MM-dd"))
    qtbot.mouseClick(rec.search_button, Qt.LeftButton)
    assert [rec.model.row_at(r).number for r in range(rec.model.rowCount())] == ["某自然资规会商〔2025〕2号"]
    rec.cases.itemDoubleClicked.emit(rec.cases.item(0))                 # opens the case
    assert clerk.current_page() is clerk.detail and clerk.detail.detail.id == d.id

    # 档案室's task is waived; 签批: the chief sees 法规科's answer with its material
    clerk.open_request(d.id)
    assert panel.select("档案室")
    press(qtbot, modal, panel.action_buttons[TaskAction.WAIVE], lambda dlg: set_text(dlg, "reason", "法规科已查明"))
    lead = login(qtbot, services, "licb", tmp)
    lead.open_request(d.id)
    press(qtbot, modal, lead.detail.action_buttons[Action.SUBMIT], lambda dlg: choose(dlg, "decision", "予以公开"))
    chief.open_request(d.id)
    press(qtbot, modal, chief.detail.action_buttons[Action.SIGN_OFF])
    assert "法规科意见.pdf" in modal.seen[-1][1]

    digest = hashlib.sha256(sheet).hexdigest()
    events = [(e.kind, e.actor, re.sub(r"材料\d+，", "材料N，", e.new)) for e in services.requests.detail(d.id).events
              if e.kind in ("添加协办材料", "查看协办材料", "添加会商材料", "导出会商材料")]
    # The full SHA-256 is chained with the row it describes (verify-audit compares them).
    assert events == [("添加协办材料", "sunfg", f"法规科意见.pdf（材料N，SHA-256 {hashlib.sha256(opinion).hexdigest()}）"),
                      ("查看协办材料", "sunfg", "法规科意见.pdf"),
                      ("添加会商材料", "zhaokz", f"签到表.pdf（材料N，SHA-256 {digest}）"),
                      ("导出会商材料", "wangdj", "签到表.pdf")]
