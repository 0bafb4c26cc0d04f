"""案例库, as two offices use it: a clerk marks a replied case 典型案例 from its page through the real
review dialog, corrects it, exports the package; another office's administrator imports it and finds it
read-only. The package carries none of the seeded personal data. Real start-up, real dialogs; only the
file chooser is canned. SQLite and PostgreSQL (the second office on SQLite)."""

import json
import subprocess
import zipfile
from datetime import date
from types import SimpleNamespace

from PySide6.QtCore import QSettings
from sqlalchemy import select
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.models import Event
from app.services.container import Services
from app.services.uow import Database
from app.ui.common import prompts
from app.ui.common.form_dialog import FormDialog
from app.ui.library.library_draft_dialog import LibraryDraftDialog
from app.ui.library.library_view import LibraryView
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.journeys.conftest import PASSWORD
from tests.journeys.drive import WAIT, fill, log_in, ok, open_case, open_window, pick
from tests.modal import answer_modal, through_modal
from tests.services.library.test_case_library import NAME, SEEDED, closed_case
from tests.ui.desk_support import type_text

TITLE = "征收补偿协议部分公开"


def _library_page(window) -> LibraryView:
    holder = window._nav_pages[window.page_titles().index("案例库")]
    window.show_page(holder)
    return holder.ensure_built()


def _review(dialog: LibraryDraftDialog):
    """The clerk reads what was replaced, types the case's title and tags, slips the applicant's name
    into the summary (the save is refused, naming it), corrects it and saves."""
    replaced = dialog.replacement_rows()
    texts = {k: e.toPlainText() for k, e in dialog.texts.items()}
    type_text(dialog.title, TITLE)
    type_text(dialog.tags, "征收补偿、第三方意见")
    type_text(dialog.articles, "第三十二条、第三十七条")
    type_text(dialog.summary, f"{NAME}申请公开征收补偿协议")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
    save.click()
    refused = dialog.error.text()
    dialog.summary.clear()
    type_text(dialog.summary, "申请人甲申请公开本人房屋的征收补偿协议，协议涉及邻居和开发企业的信息。")
    save.click()
    return replaced, texts, refused


def _press_ok(box: QMessageBox) -> str:
    text = box.text()
    box.button(QMessageBox.Ok).click()
    return text


def _package_text(package, tmp_path) -> str:
    """Everything a reader of the package can see: the JSON and the text of every PDF in it."""
    parts = []
    with zipfile.ZipFile(package) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".json"):
                parts.append(json.dumps(json.loads(data), ensure_ascii=False))
            elif name.endswith(".pdf"):
                (tmp_path / "p.pdf").write_bytes(data)
                parts.append(subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                                            text=True, check=True).stdout)
    return "\n".join(parts)


def test_a_typical_case_goes_from_one_office_to_another_without_personal_data(qtbot, office, journey, tmp_path):
    staff = {u: office.services.office.login(u, PASSWORD) for u in ("clerk1", "handler1", "chief1")}
    number = closed_case(office.db, staff["clerk1"], staff["handler1"], staff["chief1"], dept=office.dept)

    clerk = log_in(office, "clerk1", PASSWORD)
    window = open_window(qtbot, office, clerk)
    window.show_list()                       # the list starts on open cases: the clerk widens it
    pick(window.request_list.filters.due, "全部期限")
    open_case(qtbot, window, number)
    button = window.detail.library_button
    assert button is not None
    qtbot.waitUntil(button.isVisible, timeout=WAIT)          # the page's buttons are laid out by a queued call
    done = answer_modal(QMessageBox, _press_ok)
    _, (replaced, texts, refused) = through_modal(LibraryDraftDialog, _review, button.click)
    assert done.check() == f"“{TITLE}”已加入案例库（仅保存匿名化副本）。"
    assert refused.startswith("案例中仍有个人信息") and NAME in refused
    # side by side: the kind, the original, its replacement, and the place before and after
    assert ("地址", "某某市某某区文一路100号", "[地址]") in [r[:3] for r in replaced]
    neighbour = next(r for r in replaced if r[1] == "李秀英")
    assert neighbour[0] == "姓名" and neighbour[2] == "某甲" and "李秀英的补偿金额" in neighbour[3] and "某甲的补偿金额" in neighbour[4]
    assert texts["申请内容"].startswith("申请公开本人位于[地址]房屋与邻居某甲的征收补偿协议，联系电话[电话]")

    page = _library_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.index(0, 0).data() == TITLE and page.model.index(0, 5).data() == "江南市自然资源和规划局"
    page.table.selectRow(0)
    assert "申请人甲申请公开本人房屋的征收补偿协议" in page.detail.toPlainText()

    def legal_points(dialog: FormDialog):
        fill(dialog, legal_points="涉及第三方合法权益的，征求第三方意见后依法部分公开。")
        ok(dialog)
    through_modal(FormDialog, legal_points, page.buttons["修改…"].click)
    page.table.selectRow(0)
    assert "征求第三方意见后依法部分公开" in page.detail.toPlainText()
    with office.db.uow() as uow:                                 # audited: who, which field, old → new
        edits = uow.session.execute(select(Event.actor, Event.field, Event.old, Event.new)
                                    .where(Event.kind == "修改典型案例")).all()
    assert [tuple(e) for e in edits] == [("clerk1", "案例库·法律要点", "",
                                          "涉及第三方合法权益的，征求第三方意见后依法部分公开。")]

    package = tmp_path / "案例库.zip"
    prompts.set_answer("save_file", lambda title, suggested: str(package))      # the OS file chooser
    page.buttons["导出案例包…"].click()
    qtbot.waitUntil(lambda: page.tasks.status.text() == f"已导出1件案例：{package}", timeout=WAIT)
    prompts.set_answer("save_file", None)
    shared = _package_text(package, tmp_path)
    assert TITLE in shared and "申请人甲" in shared
    assert [x for x in SEEDED if x in shared] == []            # no name, ID, phone, address, e-mail, party

    # another office: its own database, its administrator logs in and imports the package
    other_db = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        theirs = Services.build(other_db, fixed_today(date(2025, 7, 1)))
        theirs.office.create_user(None, "admin", "管理员", Role.ADMIN, PASSWORD)
        other = SimpleNamespace(services=theirs, settings=QSettings(str(tmp_path / "other.ini"), QSettings.IniFormat))
        admin = log_in(other, "admin", PASSWORD)
        their_window = open_window(qtbot, other, admin)
        their_page = _library_page(their_window)
        prompts.set_answer("open_file", lambda title, filters: str(package))     # the OS file chooser
        their_page.buttons["导入案例包…"].click()
        qtbot.waitUntil(lambda: their_page.tasks.status.text().startswith("来源："), timeout=WAIT)
        prompts.set_answer("open_file", None)
        assert their_page.tasks.status.text() == "来源：江南市自然资源和规划局；新增1件，已有而跳过0件。导入的案例只读。"
        qtbot.waitUntil(lambda: their_page.model.rowCount() == 1, timeout=WAIT)
        assert their_page.model.index(0, 5).data() == "江南市自然资源和规划局（导入，只读）"
        their_page.table.selectRow(0)
        assert "征求第三方意见后依法部分公开" in their_page.detail.toPlainText()
        assert not their_page.buttons["修改…"].isEnabled()       # imported cases are read-only
        prompts.set_answer("open_file", lambda title, filters: str(package))
        their_page.buttons["导入案例包…"].click()                 # the same package again: deduplicated
        qtbot.waitUntil(lambda: "已有而跳过1件" in their_page.tasks.status.text(), timeout=WAIT)
        prompts.set_answer("open_file", None)
        assert their_page.model.rowCount() == 1
        their_window.close()
    finally:
        other_db.dispose()
    assert journey.seen == []
