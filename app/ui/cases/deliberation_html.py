"""A 会商 record as HTML: date, form, topic, participants, departments, each case's conclusion."""

from __future__ import annotations

from html import escape

from app.services.cases.deliberation_service import DeliberationView
from app.workflow.dates import cn_date


def record_html(r: DeliberationView, request_id: int = 0) -> str:
    """The record: when, how, who, every case with its conclusion (``request_id``'s own repeated on top)."""
    rows = "".join(
        f"<tr><td>{escape(c.request_number)}<br/>{escape(c.applicant_name)}</td><td>{escape(c.conclusion)}</td>"
        f"<td>{escape(c.decision) or '—'}</td><td>{'已采纳' if c.adopted_at else ''}</td></tr>"
        for c in r.cases)
    mine = r.case(request_id)
    return (f"<h3>{cn_date(r.held_on)} {escape(r.form)}会商（{escape(r.number)}）</h3>"
            f"<p>会商事项：{escape(r.topic)}<br/>参加人员：{escape(r.participants)}<br/>"
            f"参加处室：{escape(r.departments) or '—'}</p>"
            + (f"<p><b>本申请的结论：</b>{escape(mine.conclusion)}</p>" if mine else "")
            + '<table width="100%" border="1" cellspacing="0" cellpadding="4"><tr><th>申请</th><th>结论</th>'
              f"<th>建议决定</th><th>采纳</th></tr>{rows}</table>"
            + (f"<p>其他事项：{escape(r.notes)}</p>" if r.notes else ""))
