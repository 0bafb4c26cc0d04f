"""Art 44 applies to information 属于可以公开的 (issue 18.12): each candidate shows how its requests were
answered; converting a subject some of whose requests were withheld needs a recorded reason, audited
(SQLite and PostgreSQL)."""

from datetime import date

import pytest
from sqlalchemy import select, update

from app.errors import ValidationError
from app.models import Event, ProactiveCandidate
from app.services.reports.proactive_service import ProactiveService
from app.workflow.proactive import restricted_warning
from tests.conftest import fixed_today
from tests.services.reports.test_analysis_service import END, START, TODAY, ledger_db  # noqa: F401


def _compensation(svc, clerk):
    [c] = svc.propose(clerk, START, END)     # 征收补偿: ledger rows A, C and E
    return c


def test_a_candidate_lists_the_outcomes_of_its_requests(ledger_db, clerk):  # noqa: F811
    c = _compensation(ProactiveService(ledger_db, fixed_today(TODAY)), clerk)
    # A 予以公开, C 属于国家秘密 (table 三 (三)1), E 部分公开: one each, so in label order.
    assert sorted(c.outcomes) == sorted([("予以公开", 1), ("不予公开（属于国家秘密）", 1), ("部分公开", 1)])
    assert c.restricted == 2                   # C withheld, E withheld in part
    assert "不予公开（属于国家秘密）1件" in c.outcome_text and "部分公开1件" in c.outcome_text
    warning = restricted_warning(c)
    assert warning.startswith("注意：该事项的申请中有2件答复为不予公开或部分公开")
    assert "属于可以公开的" in warning and "理由或说明" in warning


def test_converting_a_subject_with_withheld_requests_needs_a_reason_that_is_audited(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = _compensation(svc, clerk)
    with pytest.raises(ValidationError, match="有2件答复为不予公开或部分公开.*“理由或说明”.*第四十四条") as refused:
        svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿")
    assert refused.value.field == "reason"
    with pytest.raises(ValidationError, match="“理由或说明”"):
        svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿", reason="  ")
    assert svc.candidates()[0].state == "待决定"            # nothing half-saved
    reason = "拟公开的是补偿安置方案，涉密和个人补偿金额不在其中"
    done = svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容 > 征收补偿", reason=reason)
    assert done.converted and done.reason == reason
    with ledger_db.uow() as uow:
        events = uow.session.execute(select(Event.actor, Event.old, Event.new, Event.reason)
                                     .where(Event.kind == "转主动公开决定")).all()
    [(who, old, new, why)] = events
    assert (who, old, new) == (clerk.username, "待决定", "转为主动公开")
    assert why.startswith("申请中不予公开或部分公开2件（") and why.endswith(f"可以公开的理由：{reason}")


def test_a_subject_answered_in_full_converts_without_a_reason(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = svc.flag(clerk, "B")                                  # B: 予以公开
    assert (c.outcomes, c.restricted, restricted_warning(c)) == ((("予以公开", 1),), 0, "")
    assert svc.decide(clerk, c.id, "转为主动公开", date(2025, 6, 20), "法定主动公开内容").converted


def test_declining_or_deferring_a_withheld_subject_needs_no_art_44_reason(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = _compensation(svc, clerk)
    assert svc.decide(clerk, c.id, "暂缓").state == "暂缓"
    assert svc.decide(clerk, c.id, "不转", reason="含涉密信息").state == "不转"


def test_an_unfinished_request_counts_as_unfinished_not_withheld(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = svc.flag(clerk, "F")                                  # F: no outcome yet
    assert (c.outcomes, c.restricted) == ((("未办结", 1),), 0)


def test_a_candidate_listed_before_requests_were_kept_says_so(ledger_db, clerk):  # noqa: F811
    svc = ProactiveService(ledger_db, fixed_today(TODAY))
    c = _compensation(svc, clerk)
    with ledger_db.uow() as uow:        # as a candidate made before migration i18_knowledge reads
        uow.session.execute(update(ProactiveCandidate).values(request_ids=""))
        uow.commit()
    [old] = svc.candidates()
    assert (old.id, old.outcomes, old.restricted, old.outcome_text) == (c.id, (), 0, "无申请记录")
