"""Fill a Word template with a letter's data and read it back as blocks both writers lay out."""

from __future__ import annotations

import re

from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

from app.exports.letters.data import LetterData
from app.exports.letters.gbt9704 import TEXT_W_TW, TWIP
from app.exports.letters.roles import role_of_style

_ALIGN = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right",
          WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.JUSTIFY: "justify"}


class TemplateProblem(ValueError):
    """The Word template cannot be read or names a placeholder that does not exist."""


@dataclass(frozen=True)
class Para:
    role: str
    text: str
    align: str = ""            # empty: the role's alignment
    keep_next: bool = False    # keep on the same page as the next paragraph (署名 group)


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[Para, ...]
    span: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    min_height: float = 0.0    # pt


@dataclass(frozen=True)
class TableBlock:
    widths: tuple[float, ...]  # grid column widths in pt, scaled to the text width
    rows: tuple[Row, ...]


Block = Para | TableBlock


# Placeholders a release renamed: old name → new name. An office template from before the rename is
# reported by the old name with the new one to use (rather than a gap or an English error).
RENAMED_PLACEHOLDERS: dict[str, str] = {}


def unknown_placeholder_message(template: str, jinja_message: str,
                                renamed: dict[str, str] | None = None) -> str:
    """The Chinese message for a placeholder the letter data does not have, naming it."""
    renamed = RENAMED_PLACEHOLDERS if renamed is None else renamed
    found = re.search(r"'([^']+)' is undefined", jinja_message)
    if not found:
        return f"模板“{template}”中有不存在的占位符：{jinja_message}。可用占位符见 resources/templates/README.md。"
    name = found.group(1)
    if name in renamed:
        return (f"模板“{template}”中的占位符“{{{{ {name} }}}}”在新版本中已改名为“{{{{ {renamed[name]} }}}}”，"
                "请在Word中打开该模板改用新名称后保存。")
    return (f"模板“{template}”中的占位符“{{{{ {name} }}}}”不存在（可能拼写有误或已停用），"
            "请对照 resources/templates/README.md 中的占位符表修改该模板。")


def fill_template(template: Path, data: LetterData) -> DocxDocument:
    """docxtpl render with escaping and strict placeholders; returns the filled python-docx Document."""
    try:
        tpl = DocxTemplate(str(template))
        env = Environment(autoescape=True, undefined=StrictUndefined)
        tpl.render(data.context(), jinja_env=env)
    except UndefinedError as e:
        raise TemplateProblem(unknown_placeholder_message(template.name, e.message or "")) from e
    except TemplateError as e:
        raise TemplateProblem(f"模板“{template.name}”的占位符写法有误：{e}。") from e
    except Exception as e:  # noqa: BLE001 - a broken .docx surfaces as a clear message
        raise TemplateProblem(f"无法读取模板“{template.name}”：{e}") from e
    return tpl.docx


def read_blocks(doc: DocxDocument) -> tuple[Block, ...]:
    """Paragraphs (role from their style) and tables, in document order."""
    out: list[Block] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(_para(item))
        elif isinstance(item, DocxTable):
            out.append(_table(item))
    return mark_keep_next(tuple(out))


def _para(p: Paragraph, in_table: bool = False) -> Para:
    role = role_of_style(p.style.name if p.style is not None else None, in_table)
    align = _ALIGN.get(p.alignment, "") if in_table else ""
    return Para(role.key, p.text.replace("\t", "  "), align)


def _table(t: DocxTable) -> TableBlock:
    grid = [gc.w or 0 for gc in t._tbl.tblGrid.gridCol_lst] or [TEXT_W_TW]
    total = sum(grid) or 1
    widths = tuple(w / total * TEXT_W_TW * TWIP for w in grid)
    rows = []
    for tr in t._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            cell_paras = tuple(_para(Paragraph(p, t), in_table=True) for p in tc.p_lst)
            cells.append(Cell(cell_paras, tc.grid_span))
        height = tr.trHeight_val
        rows.append(Row(tuple(cells), height.pt if height is not None else 0.0))
    return TableBlock(widths, tuple(rows))


def mark_keep_next(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The 署名 and date never stand alone: keep them with the blank lines and the text above."""
    out = list(blocks)
    for i, b in enumerate(out):
        if isinstance(b, Para) and b.role == "signature":
            j = i - 1
            while j >= 0 and isinstance(out[j], Para) and not out[j].text.strip():
                out[j] = replace(out[j], keep_next=True)
                j -= 1
            if j >= 0 and isinstance(out[j], Para):
                out[j] = replace(out[j], keep_next=True)
            out[i] = replace(b, keep_next=True)
    return tuple(out)
