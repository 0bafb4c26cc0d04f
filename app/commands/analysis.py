"""``analysis`` subcommand: a period's figures and 集中申请事项 as .xlsx or .docx."""

from __future__ import annotations

import sys
from datetime import date

from app.errors import ValidationError
from app.services.reports.analysis_service import AnalysisService


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        import argparse
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("analysis", help="依申请公开数据分析：各项指标与集中申请事项（.xlsx 或 .docx）")
    p.add_argument("--from", dest="start", type=_day, required=True, help="开始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_day, required=True, help="结束日期 YYYY-MM-DD")
    p.add_argument("--out", required=True, help="输出文件：.xlsx（集中申请事项等工作表）或 .docx（含图表）")
    p.set_defaults(handler=_analysis, needs_user=True)   # who reads decides the names shown


def _analysis(args, db) -> int:
    try:
        result = AnalysisService(db).export(args.actor, args.start, args.end, args.out)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
    f = result.figures
    print(f"收到申请{f.received}件，办结{f.replied}件，集中申请事项{len(result.subjects)}项；"
          f"用时{result.seconds:.2f}秒（其中归类{result.grouping_seconds:.2f}秒）。已导出：{args.out}")
    return 0
