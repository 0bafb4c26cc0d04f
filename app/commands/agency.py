"""``agency add`` / ``agency list``: the agencies of the city server (the owner role only)."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("agency", help="机关管理（市级服务器，数据库所有者）：新建机关、列出机关")
    verbs = p.add_subparsers(dest="verb", metavar="操作", required=True)
    a = verbs.add_parser("add", help="新建机关")
    a.add_argument("--code", required=True, metavar="机关代码", help="字母、数字、“-”或“_”，如 xq-sjj")
    a.add_argument("--name", required=True, metavar="机关名称")
    a.set_defaults(handler=_add)
    ls = verbs.add_parser("list", help="列出服务器上的机关")
    ls.set_defaults(handler=_list, read_only=True)


def _add(args, db) -> int:
    from app.services.agency_admin import create_agency

    with db.uow() as uow:
        info = create_agency(uow.session, args.code, args.name)
        uow.commit()
    print(f"已新建机关“{info.name}”（代码 {info.code}，编号 {info.id}）。")
    return 0


def _list(args, db) -> int:
    from app.services.agency_admin import list_agencies

    with db.read() as uow:
        rows = list_agencies(uow.session)
    for a in rows:
        print(f"{a.id}\t{a.code}\t{a.name}\t用户{a.users}个\t申请{a.cases}件")
    if not rows:
        print("（没有机关）", file=sys.stderr)
    return 0
