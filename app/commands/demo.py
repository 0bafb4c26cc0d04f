"""``demo`` subcommand: a new database filled with a realistic year of demo cases and its administrator."""

from __future__ import annotations

import secrets
import sys

from app.services.demos.demo import fill_demo
from app.services.trust.office_service import OfficeService

_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"    # no 0/O, 1/l/I


def register(sub) -> None:
    p = sub.add_parser("demo", help="在新的数据库中生成一年的演示数据（含管理员账号）")
    p.add_argument("--cases", type=int, default=120, help="演示申请件数（默认120）")
    p.set_defaults(handler=_demo)


def _demo(args, db) -> int:
    if OfficeService(db).has_users():
        print("该数据库中已有用户，演示数据只能写入新的数据库，以免与正式数据混在一起；未写入任何内容。"
              "请用 --db 指定一个新的数据库文件后重试。", file=sys.stderr)
        return 1
    password = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    summary = fill_demo(db, cases=args.cases, admin_password=password)
    print(f"演示数据已生成：{summary}")
    print(f"管理员账号 admin，初始密码：{password}")
    print("（密码只显示这一次，请登录后在“管理”中修改。）")
    return 0
