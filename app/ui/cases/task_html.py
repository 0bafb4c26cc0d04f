"""The departments' answers side by side (one column per department), for the case and for 签批."""

from __future__ import annotations

from html import escape

from app.services.dto import TaskView
from app.ui.common.columns import file_size
from app.workflow.dates import cn_date

_ROWS = (
    ("协查内容", lambda t: t.brief),
    ("协办期限", lambda t: cn_date(t.due_on)),
    ("状态", lambda t: t.status + (f"（已催办{t.urge_count}次）" if t.urge_count else "")),
    ("信息是否存在", lambda t: t.info_exists),
    ("查明情况", lambda t: t.findings),
    ("拟办意见", lambda t: t.proposed_decision),
    ("答复日期", lambda t: cn_date(t.answered_on) + ("（逾期）" if t.answered_late else "")),
    ("退回或免除理由", lambda t: t.note),
    ("协办材料", lambda t: "；".join(f"{m.filename}（{file_size(m.size)}）" for m in t.materials)),
)


def answers_html(tasks: list[TaskView], compact: bool = False) -> str:
    """An HTML table; ``compact`` (the 签批 dialog) keeps only what the chief decides on."""
    if not tasks:
        return "<p>本申请没有分派协办任务。</p>"
    rows = _ROWS if not compact else tuple(r for r in _ROWS if r[0] in ("状态", "信息是否存在", "查明情况",
                                                                       "拟办意见", "协办材料"))
    width = max(10, 88 // len(tasks))
    head = "".join(f'<th width="{width}%" bgcolor="#eef3f8">{escape(t.department)}（{t.kind}）</th>'
                   for t in tasks)
    body = "".join(
        f'<tr><td width="12%" bgcolor="#f7f9fb">{label}</td>'
        + "".join(f"<td>{escape(get(t)) or '—'}</td>" for t in tasks) + "</tr>"
        for label, get in rows)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">'
            f'<tr><th width="12%" bgcolor="#eef3f8"></th>{head}</tr>{body}</table>')
