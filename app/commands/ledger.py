"""``import-ledger`` and ``export-ledger`` subcommands."""

from __future__ import annotations

import sys

from app.errors import ValidationError
from app.services.ledger_plan import LedgerOptions
from app.services.ledger_report import report_lines
from app.services.ledger_service import LedgerService
from app.workflow.ledger_columns import ALL_COLUMNS, IGNORE


def register(sub) -> None:
    p = sub.add_parser("import-ledger", help="导入台账（全部成功才写入；按申请编号更新，只改台账中有的字段）")
    p.add_argument("file", help="台账文件（.xlsx）")
    p.add_argument("--sheet", default=None, metavar="NAME", help="读取哪个工作表（默认：自动查找表头）")
    p.add_argument("--column", action="append", default=[], metavar="原列名=列名",
                   help="把台账中的某列当作本系统的某列（列名写“忽略”则不读），可重复")
    p.add_argument("--value", action="append", default=[], metavar="列名:原值=值",
                   help="把某列中的某个值当作本系统的某个值，例如 申请人类型:企业=商业企业，可重复")
    p.add_argument("--dry-run", action="store_true", help="只列出将新增、修改和拒绝的内容，不写入")
    p.set_defaults(handler=_import, needs_user=True)
    p = sub.add_parser("export-ledger", help="导出台账（含应答复日期和状态）")
    p.add_argument("file", help="输出文件（.xlsx）")
    p.add_argument("--year", type=int, default=None, help="只导出该年收到的申请")
    p.add_argument("--with-contacts", action="store_true",
                   help="同时导出证件号码、联系电话、通信地址、邮政编码、电子邮箱（个人信息，默认不导出）")
    p.set_defaults(handler=_export)


def parse_options(columns: list[str], values: list[str], sheet: str | None, dry_run: bool) -> LedgerOptions:
    """The --column/--value arguments; raises ValidationError naming the argument to fix."""
    cols: dict[str, str] = {}
    for item in columns:
        raw, sep, target = item.partition("=")
        if not sep or not raw.strip() or target.strip() not in ALL_COLUMNS + (IGNORE,):
            raise ValidationError(f"--column “{item}”应写成 原列名=列名，列名为：{'、'.join(ALL_COLUMNS)}或{IGNORE}")
        cols[raw.strip()] = target.strip()
    vals: dict[tuple[str, str], str] = {}
    for item in values:
        head, sep, target = item.partition("=")
        column, colon, raw = head.partition(":")
        if not colon:
            column, colon, raw = head.partition("：")
        if not sep or not colon or column.strip() not in ALL_COLUMNS or not raw.strip() or not target.strip():
            raise ValidationError(f"--value “{item}”应写成 列名:原值=值，例如 申请人类型:企业=商业企业")
        vals[(column.strip(), raw.strip())] = target.strip()
    return LedgerOptions(sheet, cols, vals, dry_run)


def _import(args, db) -> int:
    try:
        opts = parse_options(args.column, args.value, args.sheet, args.dry_run)
    except ValidationError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    result = LedgerService(db).import_file(args.actor, args.file, options=opts)
    if result.where:
        print(result.where + "。")
    for note in result.notes:
        print(f"提示：{note}")
    if not result.ok:
        print(f"导入失败：发现{len(result.errors)}处问题，未写入任何数据。", file=sys.stderr)
        for e in result.errors:
            print(f"  {e}", file=sys.stderr)
        return 1
    for line in report_lines(result):
        print(line)
    return 0


def _export(args, db) -> int:
    try:
        n = LedgerService(db).export_file(args.file, args.year, with_contacts=args.with_contacts)
    except ValidationError as e:
        print(f"未导出：{e}", file=sys.stderr)
        return 1
    print(f"导出完成：{n}件申请已写入{args.file}。")
    return 0
