"""``import-ledger`` and ``export-ledger`` subcommands."""

from __future__ import annotations

import sys

from app.services.dto import COMMAND_LINE
from app.services.ledger_service import LedgerService


def register(sub) -> None:
    p = sub.add_parser("import-ledger", help="导入台账（全部成功才写入；按申请编号更新）")
    p.add_argument("file", help="台账文件（.xlsx）")
    p.set_defaults(handler=_import)
    p = sub.add_parser("export-ledger", help="导出台账（含应答复日期和状态）")
    p.add_argument("file", help="输出文件（.xlsx）")
    p.add_argument("--year", type=int, default=None, help="只导出该年收到的申请")
    p.set_defaults(handler=_export)


def _import(args, db) -> int:
    result = LedgerService(db).import_file(COMMAND_LINE, args.file)
    if not result.ok:
        print(f"导入失败：发现{len(result.errors)}处问题，未写入任何数据。", file=sys.stderr)
        for e in result.errors:
            print(f"  {e}", file=sys.stderr)
        return 1
    print(f"导入完成：新增{result.created}件，更新{result.updated}件。")
    return 0


def _export(args, db) -> int:
    n = LedgerService(db).export_file(args.file, args.year)
    print(f"导出完成：{n}件申请已写入{args.file}。")
    return 0
