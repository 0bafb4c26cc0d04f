"""Desktop start-up: the styled QApplication, first run and log-in, demo offer, the main window."""

from __future__ import annotations

import sys


def _wire(window, page) -> None:
    """Pages announce changes by signal; the window's hub tells every other screen."""
    for name in ("requests_changed", "settings_changed", "database_restored"):
        signal = getattr(page, name, None)
        if signal is not None:
            signal.connect(lambda *_: window.hub.changed(0))
    if getattr(page, "settings_changed", None) is not None:
        page.settings_changed.connect(window.refresh_title)
    if getattr(page, "open_case", None) is not None:
        page.open_case.connect(window.hub.open_request)


def make_application(argv: list[str] | None = None):
    """The QApplication, styled, crisp on high-DPI screens (call before any widget exists)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.ui.common.style import apply_style

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("依申请公开办理系统")
    app.setOrganizationName("DisclosureDesk")
    app.setApplicationDisplayName("依申请公开办理系统")
    use_chinese_locale()
    apply_style(app)
    install_translations(app)
    if not hasattr(app, "garbage_collector"):
        from app.ui.main_thread_gc import MainThreadGarbageCollector

        app.garbage_collector = MainThreadGarbageCollector(app)
    return app


def use_chinese_locale() -> None:
    """Qt's own widgets (the date pop-up's month and day names, number formats) speak Chinese
    whatever the system locale is."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))


def shut_down_qt() -> None:
    """Take Qt down in order while the interpreter is still whole: background tasks finish, every
    window is closed and freed, Python's cycles are collected, then the application object goes.
    Left to the interpreter's finalisation, wrappers are freed in no particular order."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.common.tasks import wait_all

    app = QApplication.instance()
    if app is None:
        return
    wait_all()
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    app.shutdown()


def install_translations(app) -> None:
    """Qt's own buttons and file dialogs in Chinese (是/否, 确定/取消, 打开, 保存…): qtbase_zh_CN."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if getattr(app, "qt_translator", None) is not None:
        return
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        app.qt_translator = translator


def start_session(services, parent=None, settings=None):
    """First run (create the administrator) then log in; the Actor, or None when the user quits."""
    from PySide6.QtCore import QSettings

    from app.ui.desk_session import last_user
    from app.ui.first_run_dialog import FirstRunDialog
    from app.ui.login_dialog import LoginDialog

    username = last_user(settings if settings is not None else QSettings(), services.db.identity)
    if not services.office.has_users():
        created = FirstRunDialog.ask(services.office, parent, services.settings)
        if created is None:
            return None
        username = created.username
    return LoginDialog.ask(services.office, parent, username)


def offer_demo(services, actor, parent=None) -> bool:
    """On a database with no requests, offer demo data (written off the UI thread)."""
    from app.services.cases.query_service import RequestQuery
    from app.ui.common import prompts
    from app.workflow.vocabulary import Role

    if actor.role is not Role.ADMIN or services.queries.count(RequestQuery()) > 0:
        return False
    from app.services.demos.demo import fill_demo

    if not prompts.confirm(parent, "演示数据", "数据库中还没有申请。是否生成一批演示数据，便于熟悉系统？\n"
                                             "（正式使用前请在“数据”中备份后清空，或使用新的数据库文件。）"):
        return False
    outcome = _run_busy(fill_demo, services.db, today=services.queries.today(),
                        label="正在生成演示数据…", parent=parent)
    if "error" in outcome:
        prompts.error(parent, "演示数据", f"生成演示数据失败：{outcome['error']}")
        return False
    prompts.info(parent, "演示数据", outcome.get("result") or "已生成演示数据。")
    return True


def _run_busy(fn, *args, label: str, parent=None, **kwargs) -> dict:
    """Run ``fn`` through a task with a busy indicator; {'result': …} or {'error': …}."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    from app.ui.common.tasks import run_task

    loop = QEventLoop()
    outcome: dict = {}

    def finish(key, value):
        outcome[key] = value
        loop.quit()

    busy = QProgressDialog(label, "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowTitle("请稍候")
    busy.setMinimumDuration(300)
    run_task(fn, *args, on_done=lambda r: finish("result", r),
             on_error=lambda e, _tb: finish("error", e), **kwargs)
    loop.exec()      # results arrive queued, so quit() always runs inside this loop
    busy.close()
    return outcome


def refresh_due_dates(services, window) -> None:
    """Bring open cases' cached due dates up to today in the background, then tell the screens."""
    from app.ui.common.tasks import run_task

    def done(result) -> None:
        if result.changed:
            window.hub.changed(0)

    run_task(services.calendar.refresh_open_cases, window.actor, on_done=done,
             on_error=lambda e, _tb: window.statusBar().showMessage(f"期限刷新失败：{e}", 10000))


def mount_pages(window, services, actor) -> None:
    """Add the 管理 … 案例库 pages, each built (and wired to the hub) when first shown."""
    from app.ui.reports.analysis_view import AnalysisView
    from app.ui.reports.annual_report_view import AnnualReportView
    from app.ui.data.data_view import DataView
    from app.ui.cases.deliberation_list_view import DeliberationListView
    from app.ui.common.lazy_page import LazyPage
    from app.ui.library.library_view import LibraryView
    from app.ui.settings.settings_view import SettingsView
    from app.ui.cases.supervision_view import SupervisionView

    for title, factory, icon_name in (
            ("管理", lambda: SettingsView(services, actor), "settings"),
            ("数据", lambda: DataView(services, actor), "data"),
            ("年度报告", lambda: AnnualReportView(services.reports, actor), "report"),
            ("数据分析", lambda: AnalysisView(services.analysis, services.proactive, actor), "analysis"),
            ("督办", lambda: SupervisionView(services, actor), "page"),
            ("会商记录", lambda: DeliberationListView(services, actor), "page"),
            ("案例库", lambda: LibraryView(services.library, actor, city=services.city_library), "library")):
        holder = LazyPage(factory)
        holder.built.connect(lambda page: _wire(window, page))
        window.add_page(title, holder, icon_name)
        if title == "数据分析":
            window.workbench.show_candidates.connect(lambda h=holder: _show_candidates(window, h))


def _show_candidates(window, holder) -> None:
    window.show_page(holder)
    page = holder.ensure_built()
    page.tabs.setCurrentWidget(page.proactive)


def build_window(services, actor, settings=None):
    from app.ui.common.date_field import use_day_marks
    from app.ui.main_window import MainWindow
    from app.workflow.vocabulary import Role

    use_day_marks(services.calendar.special_days)
    if actor.role is Role.CITY:             # the city office has no agency: its board, not a workbench
        from app.ui.city.city_window import CityWindow
        return CityWindow(services, actor, settings)
    window = MainWindow(services, actor, settings)
    mount_pages(window, services, actor)
    _mount_city_notices(window, services, actor)
    return window


def _mount_city_notices(window, services, actor) -> None:
    """The city's 督办通知 at the top of the workbench (shown only while there is one)."""
    from app.ui.city.notice_banner import CityNoticeBanner

    window.workbench.city_notices = CityNoticeBanner(services.city.notices, actor, window.workbench)
    window.workbench.layout().insertWidget(1, window.workbench.city_notices)
