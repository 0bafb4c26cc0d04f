"""``exchange export`` and ``exchange import``: the files of the provincial exchange (docs/exchange.md)."""

from __future__ import annotations

import sys

from app.errors import ValidationError
from app.services.exchange.exchange_export_service import ExchangeExportService
from app.services.exchange.exchange_import_service import ExchangeImportService


def register(sub) -> None:
    p = sub.add_parser("exchange", help="省级平台数据交换：导出本机关的数据交换文件，或导入其他机关报送的文件")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    e = actions.add_parser("export", help="导出年度报告数据、月度统计和典型案例（JSON），附SHA-256清单")
    e.add_argument("--year", type=int, required=True, help="年度，例如 2025")
    e.add_argument("--month", type=int, default=None, help="只导出该月的月度统计（1–12）")
    e.add_argument("--out", required=True, metavar="文件夹", help="输出文件夹（须已存在）")
    e.set_defaults(handler=_export)
    i = actions.add_parser("import", help="导入数据交换文件：核对清单和格式，全部通过才写入；重复导入不作改动")
    i.add_argument("paths", nargs="+", metavar="文件或文件夹", help="数据文件、清单文件或其所在文件夹")
    i.set_defaults(handler=_import, needs_user=True)


def _export(args, db) -> int:
    try:
        result = ExchangeExportService(db).export(args.year, args.out, args.month)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(note, file=sys.stderr)
    for path in result.files:
        print(f"已写入：{path}")
    return 0


def _import(args, db) -> int:
    try:
        lines = ExchangeImportService(db).import_files(args.actor, args.paths)
    except ValidationError as e:
        print(str(e), file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    counts = {s: sum(1 for x in lines if x.status == s) for s in ("新增", "替换", "未变")}
    print("，".join(f"{k}{v}个" for k, v in counts.items()) + "。")
    return 0
