"""管理 page: office settings, departments, users, the holiday calendar; only administrators edit."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Event
from app.services.container import Services
from app.ui.common import prompts
from app.ui.settings import calendar_editor as calendar_editor_module
from app.ui.settings import user_panel as user_panel_module
from app.ui.settings.calendar_editor_model import DayRow
from app.ui.settings.settings_departments import DepartmentTableModel
from app.ui.settings.settings_view import SettingsView
from app.ui.common.tasks import wait_all
from app.ui.settings.user_dialog import UserDialog, UserForm
from app.ui.settings.user_table_model import UserTableModel
from app.workflow.vocabulary import Role
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2026, 12, 31)
NOTICE = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕7号）"


@pytest.fixture
def services(sqlite_db):
    yield Services.build(sqlite_db, today=fixed_today(TODAY))
    wait_all()


@pytest.fixture
def said():
    seen = []
    for kind in ("info", "warn", "error"):
        prompts.set_answer(kind, lambda title, text, k=kind: seen.append((k, title, text)))
    return seen


def page(qtbot, services, actor) -> SettingsView:
    view = SettingsView(services, actor)
    qtbot.addWidget(view)
    return view


def events(db, kind):
    with db.uow() as uow:
        return [(e.actor, e.field, e.old, e.new) for e in
                uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id))]


# -- office settings -------------------------------------------------------------------------
def test_editing_office_settings_saves_and_audits(qtbot, services, admin, sqlite_db):
    view = page(qtbot, services, admin)
    form = view.office_form
    form.widgets["agency_name"].setText("临江县自然资源局")
    form.widgets["agency_short"].setText("某县自然")
    form.widgets["amber_days"].setValue(7)
    form.widgets["review_body"].setText("临江县人民政府")
    prompts.set_answer("folder", lambda title, start: "/srv/模板")
    form._browse()                                   # the 浏览… button's slot, answered above
    with qtbot.waitSignal(view.settings_changed, timeout=1000):
        qtbot.mouseClick(form.save_button, Qt.LeftButton)

    stored = services.settings.load()
    assert (stored.agency_name, stored.agency_short, stored.amber_days, stored.review_body,
            stored.template_dir) == ("临江县自然资源局", "某县自然", 7, "临江县人民政府", "/srv/模板")
    assert stored.red_days == 2 and stored.court == "某某区人民法院"     # untouched defaults
    audited = events(sqlite_db, "修改设置")
    assert audited[:4] == [
        ("admin", "机关名称", "某某市自然资源和规划局", "临江县自然资源局"),
        ("admin", "机关简称", "某自然资规", "某县自然"),
        ("admin", "黄色预警天数", "5", "7"),
        ("admin", "复议机关", "某某市人民政府", "临江县人民政府"),
    ]
    assert [(a, old, new) for a, _f, old, new in audited[4:]] == [("admin", "", "/srv/模板")]
    assert form.status.text() == "已保存：机关名称、机关简称、黄色预警（工作日）、复议机关、文书模板文件夹。"
    # the 文号 example follows the pattern and the short name: 某县自然依复〔year〕1号
    assert form.example.text() == f"示例：某县自然依复〔{date.today().year}〕1号"


@pytest.mark.parametrize("key, value, message", [
    ("number_pattern", "{机关简称}依复〔{年}〕号", "文号格式必须包含“{序号}”，例如：{机关简称}依复〔{年}〕{序号}号。"),
    ("agency_name", "   ", "机关名称不能为空，请填写本机关全称。"),
    ("red_days", 6, "红色预警天数不能大于黄色预警天数。"),     # amber stays 5: red 6 > amber 5
    ("court", "临江市某某区人民法院", "人民法院中仍有示例文字“某某”，请改为本机关的实际内容后再保存。未保存任何设置。"),
])
def test_a_bad_value_shows_the_chinese_message_at_its_field(qtbot, services, admin, sqlite_db,
                                                            key, value, message):
    view = page(qtbot, services, admin)
    form = view.office_form
    widget = form.widgets[key]
    widget.setValue(value) if isinstance(value, int) else widget.setText(value)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.errors.message(key) == message
    assert [k for k in form.widgets if form.errors.message(k)] == [key]
    assert form.status.text() == "设置未保存，请按提示修改。"
    assert services.settings.load() == type(services.settings.load())()   # nothing stored
    assert events(sqlite_db, "修改设置") == []


# -- departments and users -------------------------------------------------------------------
def test_adding_a_department_and_a_user(qtbot, services, admin, sqlite_db, monkeypatch):
    view = page(qtbot, services, admin)
    prompts.set_answer("text", lambda title, label: "规划科")
    qtbot.mouseClick(view.departments.add_button, Qt.LeftButton)
    assert [(d.name, d.active) for d in view.departments.model.rows()] == [("规划科", True)]
    dept_id = services.office.departments()[0].id
    assert events(sqlite_db, "新建处室") == [("admin", "处室", "", "规划科")]

    def fill(parent, departments, user, submit):
        assert [d.name for d in departments] == ["规划科"]      # the new department is offered
        submit(UserForm("lisi", "李四", Role.HANDLER, dept_id, True, "secret-1"))
        return True

    monkeypatch.setattr(user_panel_module.UserDialog, "ask", fill)
    qtbot.mouseClick(view.users.add_button, Qt.LeftButton)
    shown = [[view.users.model.index(r, c).data() for c in range(5)]
             for r in range(view.users.model.rowCount())]
    assert shown == [["admin", "管理员", "管理员", "", "启用"],        # the logged-in administrator
                     ["lisi", "李四", "承办人", "规划科", "启用"]]    # no password anywhere
    assert services.office.login("lisi", "secret-1").role is Role.HANDLER


def test_user_dialog_keeps_errors_at_their_fields(qtbot, services, admin):
    view = page(qtbot, services, admin)
    services.office.create_user(admin, "lisi", "李四", Role.CLERK, "secret-1")
    dialog = UserDialog([], None, view.users._create)
    qtbot.addWidget(dialog)
    dialog.username.setText("lisi")
    dialog.display_name.setText("另一个李四")
    dialog.password.setText("secret-2")
    dialog.confirm.setText("secret-3")
    dialog.accept()
    assert dialog.errors.message("password") == "两次输入的密码不一致，请重新输入。"
    dialog.confirm.setText("secret-2")
    dialog.accept()
    assert dialog.errors.message("username") == "用户名“lisi”已被使用，请换一个。"
    assert dialog.result() == 0
    dialog.username.setText("wangwu")
    dialog.password.setText("12345")
    dialog.confirm.setText("12345")
    dialog.accept()
    assert dialog.errors.message("password") == "密码至少6位，请重新设置。"
    dialog.password.setText("123456")
    dialog.confirm.setText("123456")
    dialog.accept()
    assert dialog.result() == UserDialog.Accepted
    assert [u.username for u in services.office.users()] == ["admin", "lisi", "wangwu"]


def test_editing_a_user_resets_the_password(qtbot, services, admin, sqlite_db, monkeypatch):
    services.office.create_user(admin, "lisi", "李四", Role.CLERK, "secret-1")
    view = page(qtbot, services, admin)
    view.users.table.selectRow(1)                 # row 0 is the administrator

    def fill(parent, departments, user, submit):
        assert user.username == "lisi"
        submit(UserForm("lisi", "李四", Role.CHIEF, None, True, "newpass-1"))
        return True

    monkeypatch.setattr(user_panel_module.UserDialog, "ask", fill)
    qtbot.mouseClick(view.users.edit_button, Qt.LeftButton)
    assert view.users.model.index(1, 2).data() == "科室负责人"
    assert services.office.login("lisi", "newpass-1").role is Role.CHIEF
    with pytest.raises(ValidationError):
        services.office.login("lisi", "secret-1")
    assert ("admin", "lisi", "", "") in events(sqlite_db, "重置密码")


# -- holiday calendar ------------------------------------------------------------------------
def test_entering_the_2027_notice_recomputes_an_open_case(qtbot, services, admin, clerk, monkeypatch):
    late = services.requests.register(clerk, request_input(arrival_date=date(2026, 12, 28)))
    early = services.requests.register(clerk, request_input(arrival_date=date(2026, 6, 1), applicant_name="王五"))
    # By hand (domain §3, day 1 = first working day after receipt), 2027 by the law's holidays:
    # 12-29 (1), 12-30 (2), 12-31 (3), 01-01 Fri 元旦 not counted, 01-04..08 (4-8), 01-11..15 (9-13),
    # 01-18..22 (14-18), 01-25 (19), 01-26 Tue (20) → due 2027-01-26, 暂定.
    assert (late.deadline.reply_due, late.deadline.provisional) == (date(2027, 1, 26), True)
    early_due = early.deadline.reply_due      # falls in June/July 2026: no 2027 day is crossed

    view = page(qtbot, services, admin)
    editor = view.calendar_editor
    editor.year.setValue(2027)
    assert "尚未录入" in editor.status.text()
    assert not services.calendar.is_published(2027)
    monkeypatch.setattr(calendar_editor_module.CalendarRangeDialog, "ask",
                        lambda parent, year, kind: [DayRow(date(2027, 1, 1), False, "元旦")])
    qtbot.mouseClick(editor.add_holiday_button, Qt.LeftButton)
    assert [[editor.model.index(0, c).data() for c in range(4)]] == [["2027-01-01", "星期五", "放假", "元旦"]]
    editor.notice.setText(NOTICE)
    with qtbot.waitSignal(editor.saved, timeout=10000) as saved, \
            qtbot.waitSignal(view.requests_changed, timeout=10000):
        qtbot.mouseClick(editor.save_button, Qt.LeftButton)

    # The notice matches the law's estimate for January: the date stays, only 暂定 goes.
    after = services.requests.detail(late.id).deadline
    assert (after.reply_due, after.provisional) == (date(2027, 1, 26), False)
    assert services.requests.detail(early.id).deadline.reply_due == early_due
    assert (saved.args[0].open_cases, saved.args[0].changed) == (2, 1)
    assert editor.result.text() == ("已保存2027年节假日安排（1天）。重新计算了2件未办结申请的期限，"
                                    "其中1件的应答复日期或暂定标记有变化。")
    assert "已录入国务院通知，放假1天、调休上班0天" in editor.status.text()
    assert services.calendar.is_published(2027)
    assert [(d.day, d.is_workday, d.name, d.notice) for d in services.calendar.days(2027)] == [
        (date(2027, 1, 1), False, "元旦", NOTICE)]


def test_calendar_problems_show_at_their_fields(qtbot, services, admin, monkeypatch):
    view = page(qtbot, services, admin)
    editor = view.calendar_editor
    editor.year.setValue(2027)
    monkeypatch.setattr(calendar_editor_module.CalendarRangeDialog, "ask",
                        lambda parent, year, kind: [DayRow(date(2027, 1, 4), True, "元旦")])
    qtbot.mouseClick(editor.add_workday_button, Qt.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: editor.errors.message("notice") != "")
    assert editor.errors.message("notice") == "请填写依据的国务院办公厅通知名称或文号。"
    editor.notice.setText(NOTICE)
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: editor.errors.message("day") != "")
    # 2027-01-04 is a Monday, already a working day: it cannot be a 调休上班 day
    assert editor.errors.message("day") == "2027-01-04是工作日，不能再设为调休上班日。"
    assert services.calendar.days(2027) == []
    # typing a date that does not exist is refused in the table itself
    assert not editor.model.setData(editor.model.index(0, 0), "2027-02-30")
    assert editor.errors.message("day") == "“2027-02-30”不是有效日期，请按2027-01-01的格式填写。"
    assert editor.model.setData(editor.model.index(0, 0), "2027/2/20")
    assert editor.model.index(0, 1).data() == "星期六"


def test_switching_year_with_unsaved_rows_asks_first(qtbot, services, admin, monkeypatch):
    view = page(qtbot, services, admin)
    editor = view.calendar_editor
    editor.year.setValue(2027)
    monkeypatch.setattr(calendar_editor_module.CalendarRangeDialog, "ask",
                        lambda parent, year, kind: [DayRow(date(2027, 1, 1), False, "元旦")])
    qtbot.mouseClick(editor.add_holiday_button, Qt.LeftButton)
    prompts.set_answer("confirm", lambda title, text: False)
    editor.year.setValue(2026)
    assert editor.year.value() == 2027 and editor.model.rowCount() == 1
    prompts.set_answer("confirm", lambda title, text: True)
    editor.year.setValue(2026)
    assert editor.model.rowCount() == 0 and "已发布（程序内置日历）" in editor.status.text()


def test_a_clerk_sees_settings_but_cannot_edit(qtbot, services, clerk, admin):
    services.office.save_department(admin, "规划科")
    view = page(qtbot, services, clerk)
    assert view.users is None
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == ["机关与期限", "流程", "网上申请", "承办处室", "节假日安排",
                                                                        "审计核验"]   # anyone may check the audit
    assert view.findChild(type(view.office_form.status), "read_only_note").text().startswith("只有管理员")
    form = view.office_form
    assert form.save_button.isHidden()
    assert all(w.isReadOnly() for k, w in form.widgets.items() if hasattr(w, "isReadOnly"))
    assert not form.widgets["not_responsible_outcome"].isEnabled()
    assert all(b.isHidden() for b in (view.departments.add_button, view.departments.rename_button,
                                      view.departments.toggle_button))
    editor = view.calendar_editor
    assert all(b.isHidden() for b in (editor.add_holiday_button, editor.add_workday_button,
                                      editor.remove_button, editor.save_button))
    assert editor.notice.isReadOnly()
    editor.model.add_days([DayRow(date(2027, 1, 1), False, "元旦")])
    assert not editor.model.flags(editor.model.index(0, 0)) & Qt.ItemIsEditable
    assert not editor.model.setData(editor.model.index(0, 3), "改名")


# -- models ----------------------------------------------------------------------------------
def test_table_models_pass_the_model_tester(qtmodeltester, services, admin):
    dept = services.office.save_department(admin, "规划科")
    services.office.create_user(admin, "lisi", "李四", Role.HANDLER, "secret-1", dept.id)
    departments = DepartmentTableModel(services.office.departments())
    qtmodeltester.check(departments)
    users = UserTableModel()
    users.set_users(services.office.users(), services.office.departments())
    qtmodeltester.check(users)
    assert users.index(1, 3).data() == "规划科"           # row 0: the administrator, no department


def test_calendar_model_passes_the_model_tester(qtmodeltester):
    from app.ui.settings.calendar_editor_model import CalendarDayTableModel

    model = CalendarDayTableModel()
    model.editable = True
    model.add_days([DayRow(date(2027, 2, 6), False, "春节"), DayRow(date(2027, 2, 14), True, "春节")])
    qtmodeltester.check(model)
    assert model.add_days([DayRow(date(2027, 2, 6), False, "春节")]) == 0   # already listed


def test_number_fields_show_their_own_unit_and_the_services_bounds(qtbot, services, admin, sqlite_db):
    form = page(qtbot, services, admin).office_form
    applicants = form.widgets["proactive_min_applicants"]
    assert (applicants.suffix(), applicants.minimum(), applicants.maximum()) == (" 人", 2, 100)
    assert applicants.text() == "3 人"                          # the default threshold (domain: 3 applicants)
    amber = form.widgets["amber_days"]
    assert (amber.suffix(), amber.minimum(), amber.maximum()) == (" 个工作日", 0, 60)
