"""``agency add`` / ``agency list`` / ``agency city-user``: the agencies of the city server and the accounts
nobody inside an agency can make (its first 管理员, the city office's), the owner role only."""

from __future__ import annotations

import os
import secrets
import sys

PASSWORD_ENV = "DISCLOSURE_DESK_PASSWORD"


def register(sub) -> None:
    p = sub.add_parser("agency", help="机关管理（市级服务器，数据库所有者）：新建机关、列出机关")
    verbs = p.add_subparsers(dest="verb", metavar="操作", required=True)
    a = verbs.add_parser("add", help="新建机关")
    a.add_argument("--code", required=True, metavar="机关代码", help="字母、数字、“-”或“_”，如 xq-sjj")
    a.add_argument("--name", required=True, metavar="机关名称")
    a.add_argument("--admin", metavar="用户名", help="同时建立该机关的第一个管理员账户（由其在“管理”中添加本机关人员）")
    a.add_argument("--admin-name", metavar="姓名", help="该管理员的姓名")
    a.set_defaults(handler=_add)
    c = verbs.add_parser("city-user", help="建立市政务公开办的账户（不属于任何机关）")
    c.add_argument("--username", required=True, metavar="用户名")
    c.add_argument("--name", required=True, metavar="姓名")
    c.set_defaults(handler=_city_user)
    ls = verbs.add_parser("list", help="列出服务器上的机关")
    ls.set_defaults(handler=_list, read_only=True)


def _add(args, db) -> int:
    from app.services.agency_admin import create_agency

    from app.errors import ValidationError
    from app.services.agency_admin import create_account
    from app.workflow.vocabulary import Role

    if args.admin and not args.admin_name:
        raise ValidationError("请用 --admin-name 写明该管理员的姓名。", "admin_name")
    password = _password() if args.admin else ""
    with db.uow() as uow:          # the agency and its first administrator, or neither
        info = create_agency(uow.session, args.code, args.name)
        if args.admin:
            create_account(uow.session, info.id, args.admin, args.admin_name, Role.ADMIN, password)
        uow.commit()
    print(f"已新建机关“{info.name}”（代码 {info.code}，编号 {info.id}）。")
    if args.admin:
        _print_account(args.admin, "管理员", password)
    return 0


def _city_user(args, db) -> int:
    from app.services.agency_admin import create_account
    from app.workflow.vocabulary import Role

    password = _password()
    with db.uow() as uow:
        create_account(uow.session, None, args.username, args.name, Role.CITY, password)
        uow.commit()
    _print_account(args.username, "市政务公开办", password)
    return 0


def _password() -> str:
    """The initial password: DISCLOSURE_DESK_PASSWORD when set (scripts), else a new random one printed once."""
    return os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(9)


def _print_account(username: str, role: str, password: str) -> None:
    if os.environ.get(PASSWORD_ENV):
        print(f"已建立{role}账户“{username}”，初始密码为 {PASSWORD_ENV} 所设。")
    else:
        print(f"已建立{role}账户“{username}”，初始密码：{password}（只显示这一次；请当面交给使用人，首次登录后修改）。")


def _list(args, db) -> int:
    from app.services.agency_admin import list_agencies

    with db.read() as uow:
        rows = list_agencies(uow.session)
    for a in rows:
        print(f"{a.id}\t{a.code}\t{a.name}\t用户{a.users}个\t申请{a.cases}件")
    if not rows:
        print("（没有机关）", file=sys.stderr)
    return 0
