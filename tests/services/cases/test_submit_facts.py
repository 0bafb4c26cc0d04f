"""Issue 19.4: 提交签批 asks every fact the reply will need — 部分公开's withheld ground, 三.8's query law
and route, 36(5)'s agency, 自行领取's place — and refuses without it, naming the dialog's field; nothing
is half-saved. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.errors import ValidationError
from app.workflow.outcomes import Outcome
from tests.services.authority_support import office  # noqa: F401


def _refused(office, d, field, match, **submit):
    s = office.services
    with pytest.raises(ValidationError, match=match) as e:
        s.cases.submit(office["own"], d.id, d.version, **submit)
    assert e.value.field == field
    after = s.requests.detail(d.id)
    assert (after.status, after.version, after.decision, len(after.events)) == (
        d.status, d.version, d.decision, len(d.events))           # nothing half-saved


def test_partial_disclosure_asks_its_withheld_ground(office):
    d = office.answered()
    why = "附图中第三方的商业设计方案属于商业秘密"
    _refused(office, d, "withheld_ground", "部分公开的，须记录不予公开部分的理由类别",
             decision="部分公开", outcome=Outcome.PARTIAL, reasons=why)
    d = office.services.cases.submit(office["own"], d.id, d.version, "部分公开", Outcome.PARTIAL, why,
                                     withheld_ground="三.4")
    assert (d.status, d.withheld_ground) == ("待签批", "三.4")
    assert ("答复要素", "不予公开部分的理由类别", "", "三.4") in {(e.kind, e.field, e.old, e.new) for e in d.events}


def test_query_matter_asks_the_law_and_the_route(office):
    d = office.answered()
    why = "您申请的系不动产登记资料查询事项"
    law = "《不动产登记资料查询暂行办法》第二条"
    _refused(office, d, "query_law", "须填写提供查询渠道的法律依据",
             decision="不予公开", outcome=Outcome.INQUIRY, reasons=why)
    _refused(office, d, "access_route", "须填写查询途径",
             decision="不予公开", outcome=Outcome.INQUIRY, reasons=why, query_law=law)
    d = office.services.cases.submit(office["own"], d.id, d.version, "不予公开", Outcome.INQUIRY, why,
                                     query_law=law, access_route="到市不动产登记中心查询窗口申请查询")
    assert (d.status, d.query_law) == ("待签批", law)


def test_not_responsible_asks_for_the_responsible_agency(office):
    d = office.answered()
    _refused(office, d, "reasons", "能够确定负责公开的机关的，写明其名称和联系方式", decision="非本机关负责")
    d = office.services.cases.submit(office["own"], d.id, d.version, "非本机关负责",
                                     reasons="该信息由江南市住房和城乡建设局负责公开，联系电话0571-87000000")
    assert d.status == "待签批"


def test_collection_asks_the_place_when_the_office_has_none(office):
    s = office.services
    s.settings.save(office.admin, replace(s.settings.load(), collection_place=""))
    d = office.answered(delivery="自行领取")
    why = "该信息由本机关保存"
    _refused(office, d, "collection_place", "答复书须写明领取地点", decision="予以公开", reasons=why)
    d = s.cases.submit(office["own"], d.id, d.version, "予以公开", reasons=why,
                       collection_place="本局政务服务窗口（人民路1号）")
    assert (d.status, d.collection_place) == ("待签批", "本局政务服务窗口（人民路1号）")


def test_collection_uses_the_offices_place_when_set(office):
    d = office.answered(delivery="自行领取")        # the test office has entered its place and hours
    d = office.services.cases.submit(office["own"], d.id, d.version, "予以公开", reasons="该信息由本机关保存")
    assert (d.status, d.collection_place) == ("待签批", "")
