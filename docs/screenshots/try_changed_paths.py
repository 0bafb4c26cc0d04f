"""Use this release's new paths as a clerk and an administrator would, offscreen, on a demo database, and
grab every window and dialog before pressing its button: log-in (checking, refused), 标记典型案例 from a
case page (review dialog, refusal, saved), 案例库 修改… and 导出案例包…, 年度报告 with an empty 五 (the
question), 管理 with a half-edited 某某 example (refused at its field).
Run from the repository root: python docs/screenshots/try_changed_paths.py OUT_DIR"""
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
OUT = Path(sys.argv[1])
OUT.mkdir(exist_ok=True)

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox  # noqa: E402

from app.services.container import Services  # noqa: E402
from app.services.demos.demo import fill_demo  # noqa: E402
from app.services.cases.query_service import RequestQuery  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.ui.common import prompts  # noqa: E402
from app.ui.login_dialog import LoginDialog  # noqa: E402
from app.ui.startup import build_window, make_application  # noqa: E402

TODAY = date(2025, 11, 20)
tmp = Path(tempfile.mkdtemp(prefix="dd_try."))
db = Database.open(str(tmp / "demo.sqlite3"))
services = Services.build(db, lambda: TODAY)
services.office.create_user(None, "admin", "管理员", "管理员", "demo1234")
print(fill_demo(db, today=TODAY))
app = make_application([])
log = []


def shoot(widget, name):
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(OUT / name))
    log.append(name)


def wait(cond, seconds=30):
    end = time.monotonic() + seconds
    while not cond() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    assert cond(), "timed out"


def on_modal(handle):
    """Run handle(modal) once the next modal dialog is up."""
    def look():
        m = QApplication.activeModalWidget()
        if m is None or not m.isVisible():
            QTimer.singleShot(30, look)
        else:
            handle(m)
    QTimer.singleShot(30, look)


# 1. log-in: a wrong password, then the right one
dialog = LoginDialog(services.office, username="wangdj")
dialog.show()
dialog.password.setText("wrong")
dialog.buttons.button(QDialogButtonBox.Ok).click()
shoot(dialog, "1-login-checking.png")
wait(lambda: not dialog.busy)
shoot(dialog, "1-login-refused.png")
dialog.password.setText("demo1234")
dialog.buttons.button(QDialogButtonBox.Ok).click()
wait(lambda: dialog.actor is not None)
clerk = dialog.actor
print("logged in:", clerk.display_name)

window = build_window(services, clerk, QSettings(str(tmp / "ui.ini"), QSettings.IniFormat))
window.resize(1366, 728)
window.show()

# 2. a replied case → 标记典型案例… → review dialog (a slip first), then saved → the message box
row = services.queries.page(RequestQuery(statuses=("已答复",)), 0, 5)[0]
window.open_request(row.id)
wait(lambda: window.detail.detail is not None and window.detail.detail.id == row.id)
wait(lambda: window.detail.library_button is not None and window.detail.library_button.isVisible())
shoot(window, "2-case-page-button.png")


def review(d):
    shoot(d, "2-review-dialog.png")
    d.title.setText("部分公开的典型案例")
    d.summary.setPlainText(f"{row.applicant_name}申请公开相关信息")
    save = d.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
    save.click()
    shoot(d, "2-review-refused.png")
    print("refused:", d.error.text())
    d.summary.setPlainText("申请人甲申请公开相关信息。")
    on_modal(lambda box: (shoot(box, "2-saved-message.png"), print("message:", box.text()),
                          box.button(QMessageBox.Ok).click()))
    save.click()


on_modal(review)
window.detail.library_button.click()

# 3. 案例库 → select → 修改… (real form) → export package (the OS chooser answered) → status line
holder = window._nav_pages[window.page_titles().index("案例库")]
window.show_page(holder)
page = holder.ensure_built()
wait(lambda: page.model.rowCount() == 1)
page.table.selectRow(0)
shoot(window, "3-library-selected.png")


def edit(d):
    shoot(d, "3-edit-dialog.png")
    d.widget("legal_points").setPlainText("涉及第三方合法权益的，征求意见后依法部分公开。")
    d.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()


on_modal(edit)
page.buttons["修改…"].click()
package = tmp / "案例库.zip"
prompts.set_answer("save_file", lambda title, suggested: str(package))
page.buttons["导出案例包…"].click()
wait(lambda: page.tasks.status.text().startswith("已导出"))
shoot(window, "3-library-exported.png")
print("library status:", page.tasks.status.text(), package.stat().st_size, "bytes")

# 4. 年度报告 → 导出Word… with section 五 empty (the demo's draft removed for this try) → the question
with db.uow() as uow:
    from app.models import AnnualReport
    r = uow.session.get(AnnualReport, 2025)
    r.sections_json = "{}"
    uow.commit()
admin = services.office.login("admin", "demo1234")
w2 = build_window(services, admin, QSettings(str(tmp / "ui2.ini"), QSettings.IniFormat))
w2.resize(1366, 728)
w2.show()
rep_holder = w2._nav_pages[w2.page_titles().index("年度报告")]
w2.show_page(rep_holder)
rep = rep_holder.ensure_built()
wait(lambda: rep.data is not None and not rep.busy)
on_modal(lambda box: (shoot(box, "4-five-question.png"), print("question:", box.text()[:80]),
                      box.button(QMessageBox.Cancel if box.button(QMessageBox.Cancel) else QMessageBox.No).click()))
rep.export("docx")
print("after cancel, 五 =", repr(services.reports.report(2025).sections.get("五")))

# 5. 管理 → 人民法院 half-edited → 保存设置 → the message at its field
set_holder = w2._nav_pages[w2.page_titles().index("管理")]
w2.show_page(set_holder)
sv = set_holder.ensure_built()
form = sv.office_form
form.widgets["court"].setText("临江市某某区人民法院")
form.save_button.click()
shoot(w2, "5-settings-refused.png")
print("settings status:", form.status.text())
print("court stored:", services.settings.load().court)
print("shots:", log)
