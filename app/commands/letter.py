"""``letter`` subcommand: issue a case's letter (文号 taken on first issue) and write it as .docx or .pdf."""

from __future__ import annotations

import sys
from pathlib import Path

from app.exports.letters.kinds import SERVABLE, LetterKind
from app.services.letters.letter_service import LetterService

_KINDS = "|".join(k.short for k in LetterKind if k is not LetterKind.REPLY)


def register(sub) -> None:
    p = sub.add_parser("letter", help="出具文书（答复书、告知书、回执、送达回证），保存为 Word 或 PDF")
    p.add_argument("number", metavar="申请编号", help="申请编号，如：某自然资规依申〔2025〕1号")
    p.add_argument("--out", required=True, help="输出文件（.docx 或 .pdf）")
    p.add_argument("--kind", default=None, metavar=_KINDS,
                   help="文书类型；不填则按已记录的办理结果出具答复书")
    p.add_argument("--served", default=None, metavar="|".join(k.short for k in SERVABLE),
                   help="送达回证所送达的文书（须已签发）；不填为答复书")
    p.set_defaults(handler=_letter, needs_user=True)


def _letter(args, db) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".pdf"):
        print(f"错误：输出文件“{out.name}”的扩展名应为 .docx 或 .pdf。", file=sys.stderr)
        return 2
    try:
        kind = LetterKind.from_short(args.kind) if args.kind else LetterKind.REPLY
        served = LetterKind.from_short(args.served) if args.served else None
    except ValueError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    service = LetterService(db)
    letter = service.issue(args.actor, service.find_request(args.number), kind, served)
    service.save_file(letter.id, out)
    print(f"已出具：{letter.label}（{letter.state}）→ {out}")
    return 0
