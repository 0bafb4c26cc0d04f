"""``python -m app [--db PATH] <command> …``: the scriptable interface offices rely on."""

from __future__ import annotations

import argparse
import importlib
import sys

from app.config import default_database

# One module per subcommand under app/commands; each adds its parser and sets ``handler``.
COMMANDS = ("ledger", "demo", "annual_report", "letter", "analysis", "selftest", "audit", "exchange", "city_summary",
            "city_weekly", "agency", "join_city", "online", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="依申请公开办理系统")
    parser.add_argument("--db", default=None,
                        help="数据库文件路径或连接地址（默认：用户数据目录下的 disclosure-desk.sqlite3）")
    parser.add_argument("--user", default=None, metavar="用户名",
                        help="办理人（已有用户的数据库上，修改数据的命令必须填写；密码在提示时输入，"
                             "或由环境变量 DISCLOSURE_DESK_PASSWORD 提供）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMANDS:
        importlib.import_module(f"app.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        from app.bootstrap import run_gui

        return run_gui(args.db)
    if not getattr(args, "needs_database", True):
        return args.handler(args)
    from app.errors import DomainError
    from app.services.uow import Database

    try:
        db = Database.open(args.db or str(default_database()), read_only=getattr(args, "read_only", False))
    except DomainError as e:             # a newer release's database, or no backup possible
        print(f"错误：{e}", file=sys.stderr)
        return 2
    if db.upgrade_note is not None:
        print(db.upgrade_note.message(), file=sys.stderr)
    try:
        if getattr(args, "needs_user", False):
            from app.commands.session import command_line_session

            args.actor = command_line_session(db, args.user)
        return args.handler(args, db)
    except DomainError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
