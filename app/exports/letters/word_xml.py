"""Low-level WordprocessingML edits python-docx has no API for: ordered children, run fonts, font table."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from lxml import etree
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

# Child order required by the schema (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, §17.6.17).
_SEQ = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
                 "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols",
                 "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                 "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_child(parent, tag: str, attrs: dict[str, str], remove: bool = False, element=None):
    """Replace (or with ``remove`` drop) ``parent``'s child ``tag``, keeping the schema's order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    if remove:
        return None
    el = element if element is not None else OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    parent_tag = next(t for t in _SEQ if qn(t) == parent.tag)
    order = _SEQ[parent_tag]
    later = {qn(t) for t in order[order.index(tag) + 1:]}
    for i, child in enumerate(parent):
        if child.tag in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _rpr_of(r):
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r.insert(0, rpr)
    return rpr


def set_run_font(el, font: str, size: float, is_rpr: bool = False) -> None:
    """Name the font for Latin and East-Asian text alike (no theme fonts, which would win) and its size."""
    rpr = el if is_rpr else _rpr_of(el)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = set_child(rpr, "w:rFonts", {})
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    fonts.set(qn("w:hint"), "eastAsia")
    half_points = str(round(size * 2))
    set_child(rpr, "w:sz", {"w:val": half_points})
    set_child(rpr, "w:szCs", {"w:val": half_points})
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        set_child(rpr, "w:lang", {"w:val": "en-US", "w:eastAsia": "zh-CN"})


_FONT_ENTRY = (
    '<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:name="{name}">'
    '<w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
    '<w:pitch w:val="variable"/></w:font>')


def ensure_font_table(doc: DocxDocument, fonts: list[tuple[str, str]]) -> None:
    """Declare each font with the name Word substitutes when it is missing (仿宋_GB2312 → 仿宋)."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in fonts:
        if name in known:
            continue
        family = "modern" if "仿宋" in name else "roman"
        root.append(parse_xml(_FONT_ENTRY.format(name=name, alt=alt, family=family)))
        known.add(name)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
