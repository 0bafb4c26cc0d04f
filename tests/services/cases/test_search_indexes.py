"""Chinese substring search gives the same answers on SQLite and PostgreSQL, and on PostgreSQL the
pg_trgm indexes of migration i13_delivery can serve a 3+ character word."""

from datetime import date

import pytest
from sqlalchemy import select, text

from app.models import Request
from app.services.cases.query_service import QueryService, RequestQuery, _text_condition
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.helpers import request_input

TODAY = date(2025, 6, 30)
CASES = [("张伟", "申请公开某小区规划许可证"), ("李娜", "申请公开控制性详细规划图"),
         ("王芳", "申请公开某道路征收补偿方案"), ("规划设计研究院", "申请公开招商优惠政策"),
         ("刘洋", "申请公开某划拨用地批复")]


@pytest.fixture
def searched(any_db, clerk):
    requests = RequestService(any_db, fixed_today(TODAY))
    for name, text_ in CASES:
        requests.register(clerk, request_input(applicant_name=name, description=text_,
                                               arrival_date=date(2025, 6, 2)))
    return QueryService(any_db, fixed_today(TODAY))


@pytest.mark.parametrize("word, names", [
    ("规划", {"张伟", "李娜", "规划设计研究院"}),        # 2 characters: in the text or in the name
    ("规划许可", {"张伟"}),                            # 3+ characters
    ("征收", {"王芳"}),
    ("划拨", {"刘洋"}),                                # 划 alone also ends 规划: only the pair counts
    ("划", {"张伟", "李娜", "规划设计研究院", "刘洋"}),  # 1 character: a plain scan
    ("依申〔2025〕3号", {"王芳"}),                      # the request number (3rd registered)
])
def test_search_answers(searched, word, names):
    rows = searched.page(RequestQuery(text=word), 0, 50)
    assert {r.applicant_name for r in rows} == names
    assert searched.count(RequestQuery(text=word)) == len(names)


@pytest.mark.pg
@pytest.mark.parametrize("word, index", [("规划许可", "_trgm"), ("依申〔2025〕", "_trgm")])
def test_postgresql_uses_the_search_indexes(any_db, searched, word, index):
    if any_db.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    stmt = select(Request.id).where(_text_condition()).params(pattern=f"%{word}%")
    sql = str(stmt.compile(any_db.engine, compile_kwargs={"literal_binds": True}))
    with any_db.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))   # 5 rows: make the planner show it can
        explain = lambda: "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))     # noqa: E731
        # The city's covering index (migration i22_city_bench: agency, due date, the searched columns) is the
        # one a search reads under row-level security, where a LIKE may not use the trigram indexes.
        plan = explain()
        assert "ix_requests_agency_due" in plan, plan
        # Without it (dropped inside this transaction, rolled back), the trigram indexes serve the word.
        conn.execute(text("DROP INDEX ix_requests_agency_due"))
        plan = explain()
        conn.rollback()
    for column in ("description", "applicant_name", "number"):
        assert f"ix_requests_{column}{index}" in plan, plan
