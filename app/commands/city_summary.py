"""``city-summary``: the city's annual tables 二, 三 and 四 summed from its agencies' locked reports."""

from __future__ import annotations

import sys

from app.errors import ValidationError
from app.services.exchange.city_summary_service import CitySummaryService


def register(sub) -> None:
    p = sub.add_parser("city-summary", help="全市年度报告汇总：各机关已锁定报告的表二、三、四之和，并列出未报送、"
                                            "未锁定、锁定后数字变动和上年结转不符的机关")
    p.add_argument("--year", type=int, required=True, help="报告年度，例如 2025")
    p.add_argument("--out", required=True, help="输出文件（.xlsx）")
    p.add_argument("--exchange-out", default=None, metavar="文件夹",
                   help="同时把汇总数据写成数据交换文件（汇总）及清单，供报送省级平台")
    p.add_argument("--from", dest="files", nargs="+", default=[], metavar="文件或文件夹",
                   help="在全市共享服务器上（以市政务公开办用户 --user 登录）：另计入不在服务器上的机关报送的数据交换文件")
    p.add_argument("--city-name", default="全市", help="在共享服务器上汇总时汇总表标题中的本市名称，例如“某某市”")
    p.add_argument("--city-code", default="", help="在共享服务器上汇总并写出 --exchange-out 时本市的机关代码")
    p.set_defaults(handler=_city_summary)


def _city_summary(args, db) -> int:
    try:
        actor = _city_user(args, db)
        if actor is not None:
            summary = _from_server(args, db, actor)
        elif args.files:
            raise ValidationError("--from 只用于在全市共享服务器上以市政务公开办用户（--user）汇总；"
                                  "其他情况请先用“exchange import”导入各机关的数据交换文件。", "from")
        else:
            summary = CitySummaryService(db).export(args.year, args.out, args.exchange_out)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
    _report(summary, args)
    return 0


def _city_user(args, db):
    """The logged-in 市政务公开办 user on a shared server, or None (then the imported files are summed, as
    before the server could be read)."""
    if not args.user or db.dialect != "postgresql":
        return None
    from app.commands.session import command_line_session
    from app.workflow.vocabulary import Role

    actor = command_line_session(db, args.user)
    return actor if actor.role == Role.CITY else None


def _from_server(args, db, actor):
    """The shared server's agencies and the bureaus' files given with --from."""
    from app.exchange.documents import AgencyId
    from app.services.city_summary.city_server_summary_service import CityServerSummaryService

    return CityServerSummaryService(db).export(actor, args.year, args.out, args.files,
                                               AgencyId(args.city_code.strip(), args.city_name.strip()),
                                               args.exchange_out)


def _report(summary, args) -> None:
    print(f"{summary.title}已导出：{args.out}（计入{len(summary.included)}个机关）")
    for r in summary.unlocked:
        print(f"未锁定，未计入：{r.agency.name}（{r.agency.code}）", file=sys.stderr)
    for a in summary.missing:
        print(f"未报送：{a.name}（{a.code}）", file=sys.stderr)
    for a in summary.changed_after_lock:
        print(f"锁定后数字有变动：{a.name}（{a.code}）", file=sys.stderr)
    for c in summary.carry_over:
        for f in c.findings:
            print(f"上年结转不符：{c.agency.name}：{f}", file=sys.stderr)
    if args.exchange_out:
        print(f"汇总数据交换文件已写入：{args.exchange_out}")
