"""``join-city`` subcommand: a bureau's one-PC database joins the city server as a new agency."""

from __future__ import annotations

import sys

from app.errors import DomainError


def register(sub) -> None:
    p = sub.add_parser("join-city", help="并入市级系统：把单机版数据库（案件、文书、附件、审计记录等）作为新机关并入市级服务器")
    p.add_argument("--from", dest="source", required=True, metavar="单机版数据库",
                   help="要并入的单机版数据库文件（.sqlite3，只读取，不会被修改）")
    p.add_argument("--agency", required=True, metavar="机关名称", help="新机关的名称，如“某某区政务服务数据管理局”")
    p.add_argument("--code", default="", metavar="机关代码", help="新机关的代码（字母、数字、“-”或“_”；不填则按文件生成）")
    p.set_defaults(handler=_join, needs_database=False)


def _join(args) -> int:
    from app.services.city_join.service import join_city
    from app.services.uow import Database

    if not args.db:
        print("错误：请用 --db 指定市级服务器（以数据库所有者连接），如 "
              "--db postgresql+psycopg://dd_owner@服务器/disclosure", file=sys.stderr)
        return 2
    try:
        server = Database.open(args.db, migrate=False)
    except DomainError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    try:
        r = join_city(server, args.source, args.agency, args.code)
    except DomainError as e:
        print(f"并入未完成，服务器未写入任何数据：{e}", file=sys.stderr)
        return 2
    finally:
        server.dispose()
    p = r.proof
    print(f"已并入：机关“{r.name}”（代码 {r.code}，编号 {r.agency_id}），来源文件 SHA-256 {r.source_sha256}。")
    print("并入的记录：" + "，".join(f"{k} {v}" for k, v in sorted(r.counts.items())))
    print(f"核对一：台账导出（{p.ledger_rows}行）在原数据库与服务器上逐字节一致（除文件生成时间），"
          f"内容校验值 {p.ledger_sha256}。")
    print(f"核对二：{p.letters}份文书、{p.files}个附件与材料的校验值与原数据库一致。")
    print(f"核对三：服务器上该机关的审计链核验通过（{p.chain_events}条，含并入记录）。")
    if r.calendar_days_added:
        print(f"服务器的节假日日历补充了原数据库中的{r.calendar_days_added}天。")
    if r.passwords_unset:
        print(f"以下用户在原数据库中没有可迁移的密码，须由管理员重设后才能登录：{'、'.join(r.passwords_unset)}")
    return 0
