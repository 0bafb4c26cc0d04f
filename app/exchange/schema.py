"""The published JSON Schema (docs/exchange-v1.schema.json) and its verdicts in Chinese."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from app.resources import resource_root

SCHEMA_NAME = "exchange-v1.schema.json"
MAX_REPORTED = 5                 # a badly broken file names its first few problems, not hundreds


def schema_path() -> Path:
    """The schema file: resources/exchange/ in a bundle (the spec copies it there), docs/ in a checkout."""
    for folder in (resource_root() / "exchange", resource_root().parent / "docs"):
        if (folder / SCHEMA_NAME).is_file():
            return folder / SCHEMA_NAME
    raise FileNotFoundError(f"缺少程序资源文件：{SCHEMA_NAME}")


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def where(path) -> str:
    """A JSON location as a reader finds it: ``data.table3.new[2]``; the document itself is 文件顶层."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "文件顶层"


def _sentence(e: SchemaError) -> str:
    at, v = where(e.absolute_path), e.validator
    if v == "required":
        missing = e.message.split("'")[1] if "'" in e.message else e.message
        return f"{at}缺少“{missing}”"
    if v == "additionalProperties":
        return f"{at}有本格式未定义的项（{e.message.split('(')[-1].rstrip(')')}）"
    if v == "type":
        return f"{at}的类型不对（应为{_TYPES.get(str(e.validator_value), e.validator_value)}）"
    if v in ("minimum", "maximum"):
        return f"{at}为{e.instance}，超出允许范围（{'不小于' if v == 'minimum' else '不大于'}{e.validator_value}）"
    if v in ("minItems", "maxItems"):
        return f"{at}的项数为{len(e.instance)}，不符合格式（{'至少' if v == 'minItems' else '至多'}{e.validator_value}项）"
    if v in ("const", "enum"):
        allowed = e.validator_value if v == "enum" else [e.validator_value]
        return f"{at}为“{e.instance}”，应为{'、'.join(f'“{a}”' for a in allowed)}之一"
    if v in ("pattern", "minLength", "maxLength"):
        return f"{at}的文字格式或长度不符合规定"
    if v == "not":
        return f"{at}含有本类文件不应有的项"
    return f"{at}不符合交换格式（{v}）"


_TYPES = {"integer": "整数", "number": "数字", "string": "文字", "boolean": "是或否（true/false）",
          "object": "对象", "array": "数组"}


def schema_problems(document) -> list[str]:
    """Every way ``document`` departs from the schema, as Chinese sentences (the first few)."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    leaves = []
    for e in errors:                    # an if/then names its inner failures; report those, not the wrapper
        leaves += list(e.context) if e.context else [e]
    return list(dict.fromkeys(_sentence(e) for e in leaves))[:MAX_REPORTED]
