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
    p.set_defaults(handler=_city_summary)


def _city_summary(args, db) -> int:
    try:
        summary = CitySummaryService(db).export(args.year, args.out, args.exchange_out)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
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
    return 0
