"""As a clerk (run under xvfb-run): log in to a demo database (python -m app --db X demo), open a 待答复 case
from the list, 生成文书, grab the window and the letter preview.  Usage: take_demo_reply_preview.py DB OUT.png"""
import sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from app.ui.startup import make_application, build_window, start_session
from app.services.container import Services
from app.services.uow import Database
from app.ui.login_dialog import LoginDialog
from app.ui.letter.letter_preview_dialog import LetterPreviewDialog

db_path, out = sys.argv[1], Path(sys.argv[2])
app = make_application([])
db = Database.open(db_path)
services = Services.build(db)

def answer_login():
    m = QApplication.activeModalWidget()
    if isinstance(m, LoginDialog):
        m.username.setText("wangdj"); m.password.setText("demo1234")
        m.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    else:
        QTimer.singleShot(100, answer_login)
QTimer.singleShot(300, answer_login)
actor = start_session(services)
print("logged in:", actor.username, actor.display_name)
window = build_window(services, actor)
window.resize(1366, 768); window.show()
window.show_list()
deadline = time.time() + 30
model = window.request_list.table.model()
while time.time() < deadline and model.rowCount() == 0:
    app.processEvents(); time.sleep(0.05)
row = next(r for r in range(model.rowCount())
           if any(model.index(r, c).data() == "待答复" for c in range(model.columnCount())))
table = window.request_list.table
from PySide6.QtTest import QTest
rect = table.visualRect(model.index(row, 1))
for _ in range(20):
    app.processEvents(); time.sleep(0.05)
QTest.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
QTest.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
deadline = time.time() + 10
while time.time() < deadline and window.detail.detail is None:
    app.processEvents(); time.sleep(0.05)
for _ in range(20):
    app.processEvents(); time.sleep(0.05)
print("case:", window.detail.detail.number, window.detail.detail.status, "title:", window.windowTitle())
window.grab().save(str(out.with_name(out.stem + "-window.png")))

def grab_preview():
    m = QApplication.activeModalWidget()
    if isinstance(m, LetterPreviewDialog) and m.preview is not None and not m.busy:
        m.resize(900, 1000)
        app.processEvents()
        m.grab().save(str(out))
        print("status:", m.status.text())
        m.close_button.click()
    else:
        QTimer.singleShot(200, grab_preview)
QTimer.singleShot(300, grab_preview)
window.detail.letter_button.click()
print("saved", out)
