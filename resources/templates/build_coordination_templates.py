"""(Re)generate the 催办通知 and 会商纪要 templates: ``python resources/templates/build_coordination_templates.py``.

Same paragraph styles as the letters (see build_templates.py and README.md); offices may edit them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from build_templates import add, new_document, save, tail  # noqa: E402

LAW = "《中华人民共和国政府信息公开条例》"


def build_urge_notice() -> Path:
    doc = new_document()
    add(doc, "title", "{{ agency_name }}")
    add(doc, "title", "催办通知")
    add(doc, "docno", "{{ doc_number }}")
    add(doc, "body")
    add(doc, "salutation", "{{ addressee }}：")
    add(doc, "body", "本机关于{{ receipt_date }}收到{{ applicant_name }}提出的政府信息公开申请（申请编号："
                     "{{ request_number }}），申请获取“{{ request_content }}”。{{ assigned_date }}已请你处室"
                     "{{ task_kind }}，协查事项：{{ brief }}，协办期限为{{ due_date }}。")
    add(doc, "body", "{{ status_sentence }}")
    add(doc, "body", f"该申请的法定答复期限为{{{{ reply_due }}}}。根据{LAW}第三十三条的规定，行政机关应当在法定期限内"
                     "答复申请人。请你处室于{{ answer_by }}前在依申请公开办理系统中答复协查意见（查明情况、信息是否存在、"
                     "拟办意见及相关材料）。{{ escalation }}")
    add(doc, "body", "特此通知。")
    tail(doc)
    return save(doc, "催办通知.docx")


def build_minutes() -> Path:
    doc = new_document()
    add(doc, "title", "{{ agency_name }}")
    add(doc, "title", "政府信息公开申请会商纪要")
    add(doc, "docno", "{{ doc_number }}")
    add(doc, "body")
    add(doc, "body", "{{ held_on }}，本机关以{{ form }}形式对{{ topic }}进行会商。")
    add(doc, "body", "参加人员：{{ participants }}。")
    add(doc, "body", "参加处室：{{ departments }}。")
    add(doc, "body", "经会商，形成意见如下：")
    add(doc, "body", "{%p for c in cases %}")
    add(doc, "body", "{{ loop.index }}. 申请编号{{ c.request_number }}（申请人：{{ c.applicant_name }}），"
                     "申请获取“{{ c.request_content }}”。会商结论：{{ c.conclusion }}")
    add(doc, "body", "{%p endfor %}")
    add(doc, "body", "{{ notes }}")
    tail(doc)
    return save(doc, "会商纪要.docx")


if __name__ == "__main__":
    for path in (build_urge_notice(), build_minutes()):
        print(path.relative_to(ROOT))
