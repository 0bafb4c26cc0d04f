"""案例库 in the window: mark a closed case through the real review dialog, search, export the package
and import it into another office's database, where it is listed with its source and read-only."""
# ruff: noqa: F811

import json
import zipfile
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.errors import ValidationError
from app.services.container import Services
from app.services.uow import Database
from app.ui.common import prompts
from app.ui import startup
from app.ui.common.form_dialog import FormDialog
from app.ui.library.library_draft_dialog import LibraryDraftDialog
from app.ui.library.library_view import LibraryTableModel, LibraryView
from tests.conftest import fixed_today
from tests.modal import answer_modal
from tests.services.library.test_case_library import NAME, SEEDED, closed_case
from tests.ui.desk_support import answers, application, office, ui_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _review(dialog: LibraryDraftDialog):
    replaced = dialog.replacement_rows()
    dialog.title.setText("征收补偿协议部分公开")
    dialog.tags.setText("征收补偿、第三方意见")
    dialog.articles.setText("第三十七条")
    dialog.summary.setPlainText(f"{NAME}申请公开征收补偿协议")          # a slip the check must catch
    dialog._save()
    first_error = dialog.error.text()
    dialog.summary.setPlainText("申请人甲申请公开征收补偿协议，涉及邻居和开发商的信息。")
    dialog._save()
    return replaced, first_error


def test_mark_search_export_and_import_into_another_office(qtbot, office, ui_settings, answers, tmp_path):
    s = office.services
    number = closed_case(s.db, office.clerk, office.handler, office.chief, dept=office.dept)
    w = startup.build_window(s, office.clerk, ui_settings)
    qtbot.addWidget(w)
    w.show()
    holder = w._nav_pages[w.page_titles().index("案例库")]
    w.show_page(holder)
    page: LibraryView = holder.ensure_built()
    open_case = s.requests.register(office.clerk, application(description="申请公开某小区电梯加装审批情况"))

    def pick_case(form: FormDialog) -> list[str]:      # the 申请编号 is picked from the list, not typed
        combo = form.widget("number")
        listed = [combo.itemText(i) for i in range(combo.count())]
        combo.setCurrentIndex(next(i for i, t in enumerate(listed) if t.startswith(number)))
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
        return listed
    prompts.set_answer("form", None)                   # the real picking dialog, not a canned answer
    asked = answer_modal(FormDialog, pick_case)
    modal = answer_modal(LibraryDraftDialog, _review)
    qtbot.mouseClick(page.buttons["标记典型案例…"], Qt.LeftButton)
    # only the closed case is offered (the open one is not), with its reply date, decision and subject
    # the subject cut at 29 characters and “…” (申请公开本人位于 8 + the address 13 + 房屋与邻居李秀英 8)
    assert asked.check() == [f"{number}　2025-02-14答复　部分公开　申请公开本人位于某某市某某区文一路100号房屋与邻居李秀英…"]
    assert not any(t.startswith(open_case.number) for t in asked.check())
    replaced, first_error = modal.check()
    assert first_error.startswith("案例中仍有个人信息") and NAME in first_error
    assert "地址" in [r[0] for r in replaced] and ("姓名", "李秀英", "某甲") in [r[:3] for r in replaced]
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "征收补偿协议部分公开"
    page.tag.setText("第三方意见")
    page.search()
    assert page.model.rowCount() == 1
    page.tag.setText("不存在的标签")
    page.search()
    assert page.model.rowCount() == 0

    package = tmp_path / "案例库.zip"
    prompts.set_answer("save_file", lambda title, suggested: str(package))
    qtbot.mouseClick(page.buttons["导出案例包…"], Qt.LeftButton)
    assert page.tasks.progress.isVisible()               # off the UI thread, with a progress bar
    qtbot.waitUntil(lambda: page.tasks.status.text() == f"已导出1件案例：{package}")
    with zipfile.ZipFile(package) as z:
        text = json.dumps(json.loads(z.read("cases.json")), ensure_ascii=False)
    assert [x for x in SEEDED if x in text] == []

    other_db = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        theirs = Services.build(other_db, fixed_today(date(2025, 7, 1)))
        theirs.office.create_user(None, "admin", "管理员", "管理员", "secret1")
        admin = theirs.office.login("admin", "secret1")
        other = LibraryView(theirs.library, admin)
        qtbot.addWidget(other)
        prompts.set_answer("open_file", lambda title, filters: str(package))
        qtbot.mouseClick(other.buttons["导入案例包…"], Qt.LeftButton)
        qtbot.waitUntil(lambda: other.tasks.status.text().startswith("来源："))
        assert other.tasks.status.text() == "来源：某某市自然资源和规划局；新增1件，已有而跳过0件。导入的案例只读。"
        assert other.model.index(0, 5).data() == "某某市自然资源和规划局（导入，只读）"
        other.table.selectRow(0)
        assert "申请人甲" in other.detail.toPlainText()
        assert not other.buttons["修改…"].isEnabled()
        with pytest.raises(ValidationError, match="导入的案例只读"):
            theirs.library.update(admin, other.current().id, "改个标题", "", "", "", "")
    finally:
        other_db.dispose()


def test_library_model_passes_the_model_tester(qtmodeltester, office):
    number = closed_case(office.services.db, office.clerk, office.handler, office.chief,
                         dept=office.dept)
    lib = office.services.library
    draft = lib.draft(office.clerk, number)
    lib.save(office.clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开"}))
    model = LibraryTableModel()
    model.set_rows(lib.search())
    qtmodeltester.check(model)


def test_an_edit_may_not_bring_personal_data_back(office):
    number = closed_case(office.services.db, office.clerk, office.handler, office.chief,
                         dept=office.dept)
    lib = office.services.library
    draft = lib.draft(office.clerk, number)
    entry = lib.save(office.clerk, type(draft)(**{**draft.__dict__, "title": "征收补偿协议部分公开"}))
    with pytest.raises(ValidationError, match=f"案例中仍有个人信息.*{NAME}"):
        lib.update(office.clerk, entry.id, "征收补偿协议部分公开", f"{NAME}申请公开", "", "", "")
    kept = lib.update(office.clerk, entry.id, "征收补偿协议部分公开", "申请人甲申请公开", "", "征收补偿", "")
    assert (kept.summary, kept.tags) == ("申请人甲申请公开", "征收补偿")
