"""(Re)generate the default Word letter templates: ``python resources/templates/build_templates.py``.

Each template holds docxtpl placeholders ({{ name }}, see README.md) in paragraphs whose style marks
their role (公文标题, 公文文号, 公文称谓, 公文正文, 公文署名, 公文日期, 公文表格). Offices copy a file,
edit the wording in Word and point the app's 模板文件夹 setting at their folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Twips  # noqa: E402

from app.exports.letters import gbt9704 as g  # noqa: E402
from app.exports.letters.docx_layout import apply_layout, format_style  # noqa: E402
from app.exports.letters.kinds import REPLY_VARIANTS, LetterKind  # noqa: E402
from app.exports.letters.roles import ROLES  # noqa: E402

OUT = Path(__file__).resolve().parent
LAW = "《中华人民共和国政府信息公开条例》"
RECITAL = ("本机关于{{ receipt_date }}收到您提出的政府信息公开申请（申请编号：{{ request_number }}），"
           "您申请获取“{{ request_content }}”的政府信息。")
DECISION = "{{ ground }}。{{ reasons_sentence }}根据{{ legal_basis }}的规定，{{ conclusion }}。"

# The decision paragraph of each reply variant; every reply then states the remedy.
REPLY_DECISIONS = {
    "予以公开": "经审查，{{ ground }}。根据{{ legal_basis }}的规定，{{ conclusion }}。"
                "{{ reasons_sentence }}{{ provision }}",
    "部分公开": "经审查，" + DECISION + "{{ provision }}",
    "不予公开": "经审查，" + DECISION,
    "信息不存在": "经检索，" + DECISION,
    "非本机关负责": "经审查，" + DECISION,
    "重复申请": "经查，" + DECISION,
    "不予处理": "经审查，" + DECISION,
    "特别规定": "经审查，" + DECISION,
}

NOTICES = {
    LetterKind.RECEIPT: [
        "本机关于{{ receipt_date }}收到您提出的政府信息公开申请，申请编号为{{ request_number }}，"
        "申请获取“{{ request_content }}”。",
        f"根据{LAW}第三十三条的规定，本机关将{{{{ reply_period }}}}；"
        "需要延长答复期限的，将另行书面告知您。征求第三方和其他机关意见所需时间不计算在答复期限内。",
        "查询办理进度时，请提供申请编号。",
    ],
    LetterKind.CORRECTION: [
        RECITAL,
        "经审查，您的申请内容不明确，需要作出补正。需要补正的事项：{{ correction_content }}",
        f"根据{LAW}第三十条的规定，请您自收到本告知书之日起{{{{ correction_period }}}}个工作日内作出补正，"
        "写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ],
    LetterKind.EXTENSION: [
        RECITAL,
        f"因{{{{ extension_reason }}}}，本机关不能在规定期限内作出答复。根据{LAW}第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，"
        "本机关将于{{ new_due_date }}前作出答复。",
        "特此告知。",
    ],
    LetterKind.CONSULTATION: [
        "本机关于{{ receipt_date }}收到政府信息公开申请（申请编号：{{ request_number }}），"
        "申请人申请获取“{{ request_content }}”。",
        "经审查，该政府信息可能涉及您（单位）的商业秘密、个人隐私等合法权益，公开可能对您（单位）的合法权益造成损害。"
        f"根据{LAW}第三十二条的规定，现书面征求您（单位）的意见。",
        "请您（单位）自收到本函之日起15个工作日内，以书面形式提出是否同意公开的意见；不同意公开的，请说明理由。"
        f"逾期未提出意见的，本机关将依照{LAW}的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
        "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。",
    ],
    LetterKind.FEE: [
        RECITAL,
        f"经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第四十二条和"
        "《政府信息公开信息处理费管理办法》的规定，本机关依法收取信息处理费。",
        "收费标准：{{ fee_standard }}。",
        "计收方式：{{ fee_method }}；计费数量：{{ fee_quantity }}；应缴金额：人民币{{ fee_amount }}元"
        "（大写：{{ fee_amount_upper }}）。",
        "请您自收到本通知书之次日起20个工作日内缴纳上述费用，缴费时请注明申请编号。"
        "缴费方式：{{ fee_payment }}。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "根据{{ fee_time_basis }}的规定，自本机关发出本通知书之日至您缴纳费用之日的期间，不计算在答复期限内。",
    ],
    LetterKind.DISCLOSURE_DECISION: [
        "本机关于{{ receipt_date }}收到政府信息公开申请（申请编号：{{ request_number }}），"
        "申请人申请获取“{{ request_content }}”。本机关于{{ consulted_on }}书面征求了您（单位）的意见，"
        "{{ party_opinion }}。",
        f"经审查，本机关认为不公开可能对公共利益造成重大影响。根据{LAW}第三十二条的规定，本机关决定予以公开。",
        "决定公开的政府信息内容：“{{ request_content }}”。",
        "决定公开的理由：{{ disclosure_reasons }}",
        "本机关将在本告知书送达后依法公开上述政府信息。{{ remedy }}",
    ],
    LetterKind.AGENCY_CONSULTATION: [
        "本机关于{{ receipt_date }}收到政府信息公开申请（申请编号：{{ request_number }}），"
        "申请人申请获取“{{ request_content }}”。",
        f"经审查，该政府信息由本机关与贵单位共同制作。根据{LAW}第三十四条的规定，现征求贵单位的意见。",
        "请贵单位自收到本函之日起15个工作日内，书面提出是否同意公开的意见；不同意公开的，请说明理由。"
        "逾期未提出意见的，视为同意公开。",
    ],
    LetterKind.REASONS_REQUEST: [
        RECITAL,
        f"经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第三十五条的规定，"
        "请您自收到本通知书之日起{{ reasons_period }}个工作日内，以书面形式向本机关说明申请理由。",
        "本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在"
        f"{LAW}第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。",
    ],
    LetterKind.REASONABLE_DEADLINE: [
        RECITAL,
        "{{ reasons_recital }}"
        f"经审查，您申请公开政府信息的数量、频次明显超过合理范围，您说明的申请理由合理，"
        f"但本机关无法在{LAW}第三十三条规定的期限内答复。理由：{{{{ override_reason }}}}。",
        f"根据{LAW}第三十五条的规定，本机关确定延迟答复的合理期限，将于{{{{ new_due_date }}}}前作出答复。",
        "特此告知。",
    ],
    LetterKind.WITHDRAWAL: [
        RECITAL,
        "您于{{ withdrawn_on }}向本机关申请撤回该政府信息公开申请。本机关确认，对该申请终止办理。",
        "特此告知。",
    ],
}

# 送达回证: (label, value paragraphs, minimum row height in grid lines).
SERVICE_ROWS = [
    ("送达文书", ["{{ served_document }}"], 2),
    ("申请编号", ["{{ request_number }}"], 1.5),
    ("受送达人", ["{{ applicant_name }}"], 1.5),
    ("送达地址", ["{{ applicant_address }}"], 1.5),
    ("送达方式", ["{{ service_method }}"], 1.5),
    ("送达机关", ["{{ agency_name }}"], 1.5),
    ("送达人", [""], 1.5),
    ("受送达人签名或盖章", ["", "", "年　　月　　日"], 3.5),
    ("代收人及代收理由", [""], 2),
    ("备注", [""], 2),
]
LABEL_WIDTH_MM = 42


def new_document():
    doc = Document()
    for role in ROLES.values():
        style = doc.styles.add_style(role.style, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        format_style(style, role)
    doc.core_properties.author = "依申请公开办理系统"
    body = doc.paragraphs
    for p in body:
        p._p.getparent().remove(p._p)
    return doc


def add(doc, role: str, text: str = ""):
    return doc.add_paragraph(text, style=ROLES[role].style)


def head(doc, title: str, numbered: bool = True, salutation: bool = True) -> None:
    add(doc, "title", "{{ agency_name }}")
    add(doc, "title", title)
    if numbered:
        add(doc, "docno", "{{ doc_number }}")
    add(doc, "body")
    if salutation:
        add(doc, "salutation", "{{ addressee }}：")


def tail(doc) -> None:
    for _ in range(g.SEAL_BLANK_LINES):
        add(doc, "body")
    add(doc, "signature", "{{ agency_name }}")
    add(doc, "date", "{{ issue_date }}")


def save(doc, name: str) -> Path:
    apply_layout(doc)
    doc.core_properties.title = name.removesuffix(".docx")
    path = OUT / name
    doc.save(path)
    return path


def build_reply(variant: str) -> Path:
    doc = new_document()
    head(doc, LetterKind.REPLY.value)
    add(doc, "body", RECITAL + "{{ history }}")
    add(doc, "body", REPLY_DECISIONS[variant])
    add(doc, "body", "{{ remedy }}")
    tail(doc)
    return save(doc, LetterKind.REPLY.template_name(variant))


def build_notice(kind: LetterKind) -> Path:
    doc = new_document()
    head(doc, kind.value)
    for text in NOTICES[kind]:
        add(doc, "body", text)
    tail(doc)
    return save(doc, kind.template_name())


def build_service_receipt() -> Path:
    doc = new_document()
    head(doc, LetterKind.SERVICE.value, numbered=False, salutation=False)
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    label_w = Twips(round(LABEL_WIDTH_MM * g.MM / g.TWIP))
    widths = (label_w, Twips(g.TEXT_W_TW - label_w.twips))
    for label, values, lines in SERVICE_ROWS:
        row = table.add_row()
        row.height, row.height_rule = Twips(round(lines * g.LINE_PITCH_TW)), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, w in zip(row.cells, widths):
            cell.width = w
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(row.cells[0], [label], WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(row.cells[1], values, WD_ALIGN_PARAGRAPH.LEFT)
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.w = w
    return save(doc, LetterKind.SERVICE.template_name())


def _cell_text(cell, texts: list[str], align) -> None:
    first = cell.paragraphs[0]
    first.text = texts[0]
    first.style = ROLES["cell"].style
    first.alignment = align
    for text in texts[1:]:
        p = cell.add_paragraph(text, style=ROLES["cell"].style)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if text.startswith("年") else align


def build_all() -> list[Path]:
    paths = [build_reply(v) for v in REPLY_VARIANTS]
    paths += [build_notice(k) for k in NOTICES]
    paths.append(build_service_receipt())
    return paths


if __name__ == "__main__":
    for path in build_all():
        print(path.relative_to(ROOT))
