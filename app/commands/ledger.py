"""``import-ledger`` and ``export-ledger`` subcommands."""

from __future__ import annotations

import sys

from app.errors import ValidationError
from app.services.ledger.ledger_plan import LedgerOptions
from app.services.ledger.ledger_report import note_lines, report_lines
from app.services.ledger.ledger_service import LedgerService
from app.workflow.ledger_columns import ALL_COLUMNS, IGNORE, TARGETS
from app.workflow.ledger_values import DEFAULTABLE, MAPPABLE, PER_ROW, default_choices


def register(sub) -> None:
    p = sub.add_parser("import-ledger", help="导入台账（全部成功才写入；按申请编号更新，只改台账中有的字段）")
    p.add_argument("file", help="台账文件（.xlsx）")
    p.add_argument("--sheet", default=None, metavar="NAME", help="读取哪个工作表（默认：自动查找表头）")
    p.add_argument("--column", action="append", default=[], metavar="原列名=列名",
                   help="把台账中的某列当作本系统的某列（列名写“忽略”则不读），可重复")
    p.add_argument("--value", action="append", default=[], metavar="列名:原值=值",
                   help="把某列中的某个值当作本系统的某个值，例如 申请人类型:企业=商业企业，可重复")
    p.add_argument("--default", action="append", default=[], metavar="列名=值",
                   help="台账缺少某列（或该列为空）时各行取的值，例如 申请人类型=按申请人名称判断，"
                        "或 办理结果=逐行选择，可重复")
    p.add_argument("--row-value", action="append", default=[], metavar="行号:列名=值",
                   help="为某一行指定某列的值（用于“逐行选择”和按关键词读出的办理结果），例如 7:办理结果=属于国家秘密，可重复")
    p.add_argument("--dry-run", action="store_true", help="只列出将新增、修改和拒绝的内容，不写入")
    p.set_defaults(handler=_import, needs_user=True)
    p = sub.add_parser("export-ledger", help="导出台账（含应答复日期和状态）")
    p.add_argument("file", help="输出文件（.xlsx）")
    p.add_argument("--year", type=int, default=None, help="只导出该年收到的申请")
    p.add_argument("--with-contacts", action="store_true",
                   help="同时导出证件号码、联系电话、通信地址、邮政编码、电子邮箱（个人信息，默认不导出）")
    p.set_defaults(handler=_export)


def parse_options(columns: list[str], values: list[str], sheet: str | None, dry_run: bool,
                  defaults: list[str] = (), row_values: list[str] = ()) -> LedgerOptions:
    """The --column/--value/--default/--row-value arguments; raises ValidationError naming the one to fix.

    ``原列名#2`` names the second column of that name; 列名 may be 办理结果（按关键词判断）."""
    cols: dict[str, str] = {}
    for item in columns:
        raw, sep, target = item.partition("=")
        if not sep or not raw.strip() or target.strip() not in TARGETS + (IGNORE,):
            raise ValidationError(f"--column “{item}”应写成 原列名=列名（同名的第2列写 原列名#2），"
                                  f"列名为：{'、'.join(TARGETS)}或{IGNORE}")
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
    return LedgerOptions(sheet, cols, vals, dry_run, defaults=_defaults(defaults),
                         row_values=_row_values(row_values))


def _defaults(items) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        column, sep, value = (x.strip() for x in item.partition("="))
        if not sep or column not in DEFAULTABLE or value not in default_choices(column):
            raise ValidationError(f"--default “{item}”应写成 列名=值，列名为：{'、'.join(DEFAULTABLE)}；"
                                  f"值为该列的取值之一（或{PER_ROW}）")
        out[column] = value
    return out


def _row_values(items) -> dict[tuple[int, str], str]:
    out: dict[tuple[int, str], str] = {}
    for item in items:
        head, sep, value = item.partition("=")
        row, colon, column = head.replace("：", ":").partition(":")
        if not sep or not colon or not row.strip().isdigit() or column.strip() not in MAPPABLE or not value.strip():
            raise ValidationError(f"--row-value “{item}”应写成 行号:列名=值，例如 7:办理结果=属于国家秘密")
        out[(int(row), column.strip())] = value.strip()
    return out


def _import(args, db) -> int:
    try:
        opts = parse_options(args.column, args.value, args.sheet, args.dry_run, args.default, args.row_value)
    except ValidationError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    result = LedgerService(db).import_file(args.actor, args.file, options=opts)
    if result.where:
        print(result.where + "。")
    for line in note_lines(result.notes):
        print(line)
    if not result.ok:
        print(f"导入失败：发现{len(result.errors)}处问题，未写入任何数据。", file=sys.stderr)
        for e in result.errors:
            print(f"  {e.cli_text()}", file=sys.stderr)
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
