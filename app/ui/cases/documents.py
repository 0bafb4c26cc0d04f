"""HTML for what the desk prints itself: a case's deadline explanation."""

from __future__ import annotations

from html import escape

from app.services.dto import RequestDetail

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


def deadline_html(agency: str, d: RequestDetail) -> str:
    """How the reply due date was computed, line by line, for the file or the applicant."""
    items = "".join(f"<li>{escape(line)}</li>" for line in d.deadline.explanation)
    return (f"<html><head>{_STYLE}</head><body>"
            f"<h1>答复期限计算说明</h1><p class='sub'>{escape(agency)}</p>"
            f"{_kv([('申请编号', d.number), ('申请人', d.applicant_name), ('当前状态', d.status)])}"
            f"<ol>{items}</ol>"
            "<p class='body'>期间开始之日不计算在内，自次日起算；工作日不含法定节假日，含国务院规定的调休上班日。</p>"
            "</body></html>")
