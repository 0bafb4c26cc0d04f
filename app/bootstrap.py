"""Composition root: settings → database → services → log-in → main window."""

from __future__ import annotations

from app.config import default_database


def run_gui(db_path: str | None = None) -> int:
    """Open the database, build the services, and run the desktop app until the window closes."""
    from app.errors import DomainError
    from app.services.container import Services
    from app.services.uow import Database
    from app.ui.common import prompts
    from app.ui.desk_session import DeskSession
    from app.ui.startup import make_application, offer_demo, refresh_due_dates, shut_down_qt, start_session

    app = make_application()
    try:
        db = Database.open(db_path or default_database())
    except Exception as e:  # noqa: BLE001 - the clerk must see why the app cannot start
        prompts.error(None, "无法打开数据库", f"无法打开数据库：{e}")
        return 1
    if db.upgrade_note is not None:
        prompts.info(None, "数据库已升级", db.upgrade_note.message())
    try:
        services = Services.build(db)
        actor = start_session(services)
        if actor is None:
            return 0
        offer_demo(services, actor)
        session = DeskSession(services)
        refresh_due_dates(services, session.open(actor))
        return app.exec()
    except DomainError as e:
        prompts.error(None, "依申请公开办理系统", e.message)
        return 1
    finally:
        shut_down_qt()
        db.dispose()
