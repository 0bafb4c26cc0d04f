"""The import report in words, the same on the command line and in the window."""

from __future__ import annotations

from app.services.ledger.ledger_service import ImportResult


def report_lines(result: ImportResult) -> list[str]:
    """What was (or, in a dry run, would be) added, changed field by field, refused, and overdue."""
    verb = "将" if result.dry_run else ""
    head = "试运行（未写入任何数据）" if result.dry_run else "导入完成"
    lines = [f"{head}：{verb}新增{result.created}件，{verb}更新{result.updated}件，无变化{result.unchanged}件，"
             f"拒绝{len(result.refusals)}处。"]
    if result.dry_run:
        lines += [f"  新增 第{r.row}行 {r.number} {r.applicant_name}（{r.applicant_type}）"
                  + (f" {r.outcome.label}" if r.outcome else "") for r in result.adds]
    for u in result.changes:
        lines.append(f"  修改 第{u.row.row}行 {u.row.number}：")
        lines += [f"    {c}" for c in u.changes]
    lines += [f"  拒绝 {r}" for r in result.refusals]
    if result.overdue:
        lines.append(f"导入后即逾期{len(result.overdue)}件：")
        lines += [f"  {n} {name} 应答复日期{due:%Y-%m-%d}" for n, name, due in result.overdue]
    return lines


def note_lines(notes) -> list[str]:
    """The reader's notes (sheets read and skipped, columns combined or unused), as the CLI prints them."""
    return [f"提示：{n}" for n in notes]
