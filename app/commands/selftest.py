"""``selftest`` subcommand: check in a temporary folder that this installation can do the whole job."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("selftest", help="自检：数据库迁移、节假日日历、字体、文书、年度报告、界面（在临时目录中进行）")
    p.add_argument("--keep", default=None, metavar="目录",
                   help="在指定目录中自检并保留生成的文件（默认使用临时目录，结束后删除）")
    p.set_defaults(handler=_selftest, needs_database=False)


def _selftest(args) -> int:
    from pathlib import Path

    from app.selftest import run_selftest, summary

    results = run_selftest(Path(args.keep) if args.keep else None, keep=bool(args.keep))
    code, text = summary(results)
    print(text, file=sys.stderr if code else sys.stdout)
    return code
