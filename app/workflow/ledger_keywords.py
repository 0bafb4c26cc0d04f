"""A free-text reply (回复内容) read for its table 三 outcome by key words; a guess for the clerk to review."""

from __future__ import annotations

import re

from app.workflow.outcomes import Outcome

# Checked in order: the first pattern found decides. Narrow readings come before broad ones
# (区分处理 … 其余部分予以提供 is 部分公开, not 予以公开; 不属于本机关 before 不存在).
_RULES: tuple[tuple[str, str], ...] = (
    (r"区分处理|部分公开|部分予以公开|其余部分予以提供", "二.0"),
    (r"国家秘密", "三.1"),
    (r"法律、?行政法规禁止|法律法规禁止", "三.2"),
    (r"三安全一稳定|国家安全|公共安全|经济安全|社会稳定", "三.3"),
    (r"第三方|商业秘密|个人隐私", "三.4"),
    (r"内部事务|人事管理|后勤管理|内部工作流程", "三.5"),
    (r"过程性|讨论记录|研究论证|请示报告|会议纪要", "三.6"),
    (r"行政执法案卷|执法案卷", "三.7"),
    (r"行政查询|查询渠道|查询事项", "三.8"),
    (r"信访|举报|投诉", "五.1"),
    (r"重复申请|相同申请|不予重复处理", "五.2"),
    (r"公开出版物", "五.3"),
    (r"大量反复|反复申请", "五.4"),
    (r"确认或重新出具|重新出具|予以确认", "五.5"),
    (r"未在补正期限|逾期不补正|逾期未补正|视为放弃", "六.1"),
    (r"缴纳费用|逾期未缴|未缴纳", "六.2"),
    (r"撤回|终止办理", "六.3"),
    (r"补正后.*仍不明确|仍不明确", "四.3"),
    (r"加工|分析|另行制作|汇总统计|需要.*制作", "四.2"),
    (r"不属于本机关|非本机关|不由本机关|建议向.*申请", "NR"),
    (r"不存在|未制作或获取|未制作|不掌握|未获取|没有相关", "四.1"),
    (r"主动公开|予以公开|予以提供|现予以提供|可以公开|详见附件", "一.0"),
)
_COMPILED = tuple((re.compile(p), code) for p, code in _RULES)


def outcome_from_text(text: str, not_responsible: str = "四.1") -> Outcome | None:
    """The outcome a reply's words point to (…属于国家秘密… → 属于国家秘密), or None when none does.

    ``not_responsible`` is the office's setting for 非本机关负责 (四.1 by default)."""
    for pattern, code in _COMPILED:
        if pattern.search(text or ""):
            return Outcome.from_code(not_responsible if code == "NR" else code)
    return None
