"""``verify-audit`` subcommand: exit 0 with the count when the audit trail is intact, 1 naming the break."""

from __future__ import annotations

import sys

from app.services.audit_service import AuditService


def register(sub) -> None:
    p = sub.add_parser("verify-audit", help="审计核验：重算审计记录的校验链并核对已签发文书，发现改动或删除即报告")
    p.set_defaults(handler=_verify, read_only=True)     # verifies a copy on a read-only folder too


def _verify(args, db) -> int:
    check = AuditService(db).verify()
    if check.ok:
        print(f"审计核验通过：{check.count}条审计记录的校验链完整，已签发文书与签发时的校验值一致。")
        return 0
    print(f"审计核验未通过：{check.message}（此前{check.count}条记录核验无误）", file=sys.stderr)
    return 1
