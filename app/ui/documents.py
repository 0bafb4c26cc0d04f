"""HTML for what the desk prints itself: the 受理回执 and a case's deadline explanation."""

from __future__ import annotations

from datetime import date
from html import escape

from app.services.dto import RequestDetail
from app.workflow.dates import cn_date

_STYLE = """
<style>
 body { font-size: 12pt; line-height: 160%; }
 h1 { font-size: 20pt; text-align: center; margin-bottom: 4pt; }
 p.sub { text-align: center; color: #555; margin-top: 0; }
 table.kv { border-collapse: collapse; width: 100%; margin-top: 10pt; }
 table.kv td { border: 1px solid #888; padding: 6pt; vertical-align: top; }
 table.kv td.k { width: 26%; background: #f2f2f2; }
 p.body { text-indent: 2em; margin-top: 12pt; }
 p.sign { text-align: right; margin-top: 28pt; }
 li { margin-bottom: 4pt; }
</style>
"""


def _kv(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td class="k">{escape(k)}</td><td>{escape(v)}</td></tr>' for k, v in rows)
    return f'<table class="kv" cellspacing="0">{cells}</table>'


def receipt_html(agency: str, d: RequestDetail, today: date) -> str:
    """受理回执: proof for the applicant that the office received the application, and when."""
    receipt = cn_date(d.receipt_date) if d.receipt_date else "待双方确认后起算"
    due = cn_date(d.deadline.reply_due) if d.deadline.reply_due else "自收到申请之日起20个工作日内"
    rows = [("申请编号", d.number), ("申请人", d.applicant_name), ("申请方式", d.channel),
            ("到达日期", cn_date(d.arrival_date)), ("收到申请之日", receipt),
            ("申请内容", d.description), ("获取形式", "、".join(x for x in (d.requested_form, d.delivery) if x) or "—"),
            ("应答复日期", due)]
    return (f"<html><head>{_STYLE}</head><body>"
            f"<h1>政府信息公开申请受理回执</h1><p class='sub'>{escape(agency)}</p>{_kv(rows)}"
            "<p class='body'>本机关已收到您提交的政府信息公开申请。根据《中华人民共和国政府信息公开条例》"
            "第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
            "将另行书面告知。申请内容不明确的，本机关将一次性告知需要补正的事项。</p>"
            "<p class='body'>查询办理进度时请提供上述申请编号。</p>"
            f"<p class='sign'>{escape(agency)}（盖章）<br/>{cn_date(today)}</p></body></html>")


def deadline_html(agency: str, d: RequestDetail) -> str:
    """How the reply due date was computed, line by line, for the file or the applicant."""
    items = "".join(f"<li>{escape(line)}</li>" for line in d.deadline.explanation)
    return (f"<html><head>{_STYLE}</head><body>"
            f"<h1>答复期限计算说明</h1><p class='sub'>{escape(agency)}</p>"
            f"{_kv([('申请编号', d.number), ('申请人', d.applicant_name), ('当前状态', d.status)])}"
            f"<ol>{items}</ol>"
            "<p class='body'>期间开始之日不计算在内，自次日起算；工作日不含法定节假日，含国务院规定的调休上班日。</p>"
            "</body></html>")
