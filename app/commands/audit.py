"""``verify-audit`` subcommand: exit 0 with the count when the audit trail is intact, 1 naming the break."""

from __future__ import annotations

import sys

from app.services.trust import audit_anchor
from app.services.trust.audit_service import AuditService


def register(sub) -> None:
    p = sub.add_parser("verify-audit", help="审计核验：重算审计记录的校验链并核对已签发文书，发现改动或删除即报告")
    p.add_argument("--anchor", action="append", default=[], metavar="锚点文件",
                   help="同时核对审计锚点文件（可重复）：证明锚点之前的审计记录此后未被改写")
    p.set_defaults(handler=_verify, read_only=True)     # verifies a copy on a read-only folder too
    a = sub.add_parser("audit-anchor", help="导出审计锚点：把当前审计链末尾的编号与校验值写入文件，由管理员另行保管")
    a.add_argument("--out", required=True, metavar="文件", help="锚点文件（.json），保存在数据库所在位置以外")
    a.add_argument("--note", default="", help="备注（如：2026年12月签发后）")
    a.set_defaults(handler=_anchor, read_only=True)


def _verify(args, db) -> int:
    anchors = [audit_anchor.load(path) for path in args.anchor]
    check = AuditService(db).verify(anchors=anchors)
    if check.ok:
        print(f"审计核验通过：{check.count}条审计记录的校验链完整，已签发文书与签发时的校验值一致，"
              "附件、材料与账户与审计记录一致。")
        for a in anchors:
            print(f"审计链仍经过{a.describe()}，锚点之前的记录未被改写。")
        return 0
    print(f"审计核验未通过：{check.message}（此前{check.count}条记录核验无误）", file=sys.stderr)
    return 1


def _anchor(args, db) -> int:
    a = AuditService(db).anchor(args.out, args.note)
    print(f"已导出审计锚点：第{a.last_id}条审计记录，共{a.count}条，校验值 {a.last_hash}。"
          f"请将“{args.out}”保存在数据库所在位置以外（如移动介质或打印存档）。")
    return 0
