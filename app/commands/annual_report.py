"""``annual-report`` subcommand: check a year's report and write it as .xlsx, .docx or .pdf."""

from __future__ import annotations

import sys

from app.errors import ValidationError
from app.services.reports.report_service import ReportService


def register(sub) -> None:
    p = sub.add_parser("annual-report", help="生成政府信息公开工作年度报告（先校验，通过后导出）")
    p.add_argument("--year", type=int, required=True, help="报告年度，例如 2025")
    p.add_argument("--out", required=True, help="输出文件：.xlsx（表二、三、四）、.docx 或 .pdf（全文）")
    p.add_argument("--section-five-none", action="store_true",
                   help="第五部分（存在的主要问题及改进情况）尚未填写时，确认本年度为“无”并记入报告（须 --user）")
    p.add_argument("--table-two-zero", action="store_true",
                   help="表二（主动公开情况）各项确实均为0时，确认后导出全文（须 --user）")
    p.set_defaults(handler=_annual_report)


def _annual_report(args, db) -> int:
    service = ReportService(db)
    try:
        if args.section_five_none and not (service.report(args.year).sections.get("五") or "").strip():
            # the office confirms 无 for section 五: a change to the report, made and audited as a user
            from app.commands.session import command_line_session

            service.save_sections(command_line_session(db, args.user), args.year, {"五": "无"})
            print(f"{args.year}年度报告第五部分已确认为“无”。", file=sys.stderr)
        if args.table_two_zero and not any(service.report(args.year).table2.values()):
            from app.commands.session import command_line_session

            service.confirm_table_two_zero(command_line_session(db, args.user), args.year)
            print(f"{args.year}年度报告表二已确认各项均为0。", file=sys.stderr)
        data = service.export(args.year, args.out)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
    for finding in data.findings:
        print(finding, file=sys.stderr)
    state = "已锁定" if data.locked else "未锁定"
    print(f"{data.title}（{state}）已导出：{args.out}")
    return 0
