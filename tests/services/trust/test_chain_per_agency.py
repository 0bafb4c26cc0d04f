"""One audit chain per agency (issue 22): verify recomputes each chain on its own and names the one broken.

A city server holds several chains (agency 1, agency 2 「乙机关」, and the server's own chain of events no
agency owns). The verifier is the same Python on both databases, so the chains are written here into a
SQLite file as a city server holds them: agency 1's chain by the services, agency 2's and the server's by
hand, each event's hash computed with ``link`` from the previous one. The messages are worked out by hand
from the numbers written here.
"""

from datetime import datetime

import pytest
from sqlalchemy import text

from app.services.container import Services
from app.services.trust.audit_chain import GENESIS, link, verify
from tests.services.helpers import request_input

SECOND = "（乙机关）"


def _sql(db, statement: str, **params):
    with db.engine.begin() as conn:
        return conn.execute(text(statement), params)


def _chain(db, agency: int | None, head: int, events: int, actor: str) -> None:
    """``events`` events numbered 1…n in the chain of ``agency`` (NULL: the server's), and its head row."""
    previous = GENESIS
    for seq in range(1, events + 1):
        row = {"id": seq, "request_id": None, "at": datetime(2026, 12, 1, 9, seq), "actor": actor, "host": "pc",
               "kind": "登录", "field": "", "old": "", "new": "", "reason": ""}
        previous = link(previous, row)
        _sql(db, "INSERT INTO events (agency_id, seq, request_id, at, actor, host, kind, field, old, new, reason, hash)"
                 " VALUES (:a, :id, NULL, :at, :actor, :host, :kind, '', '', '', '', :h)", a=agency, h=previous, **row)
    _sql(db, "INSERT INTO audit_head (id, agency_id, last_id, last_hash, count) VALUES (:i, :a, :n, :h, :n)",
         i=head, a=agency, n=events, h=previous)


@pytest.fixture
def city_file(sqlite_db, clerk):
    """Agency 1's chain by the services; agency 2 「乙机关」 with 4 events; the server's chain with 2."""
    Services.build(sqlite_db).requests.register(clerk, request_input())
    _sql(sqlite_db, "INSERT INTO agencies (id, code, name) VALUES (2, 'B', '乙机关')")
    _chain(sqlite_db, 2, 2, 4, "yi")
    _chain(sqlite_db, None, 0, 2, "（空）")
    _sql(sqlite_db, "DROP TRIGGER events_no_update")          # what the owner of the file could do
    _sql(sqlite_db, "DROP TRIGGER events_no_delete")
    return sqlite_db


def _verify(db):
    with db.read() as uow:
        return verify(uow.session)


def _first_chain(db) -> int:
    return _sql(db, "SELECT count(*) FROM events WHERE agency_id = 1").scalar()


def test_every_chain_verifies_and_all_are_counted(city_file):
    first = _first_chain(city_file)
    assert first >= 3                                         # log-in, 登记, … of agency 1
    check = _verify(city_file)
    assert check.ok and check.count == first + 4 + 2


def test_an_edited_event_is_named_in_its_agencys_chain(city_file):
    _sql(city_file, "UPDATE events SET actor = 'x' WHERE agency_id = 2 AND seq = 3")
    check = _verify(city_file)
    # the server's chain (2 events) and agency 1's come first (chain 0, then 1), then 乙机关's 1 and 2
    assert (check.broken_id, check.count) == (3, 2 + _first_chain(city_file) + 2)
    assert check.message == (f"{SECOND}审计记录编号3（2026-12-01 09:03 x 登录）与校验链不符："
                             "该记录被修改，或其前一条记录被替换。")


def test_an_event_deleted_from_the_middle_is_named(city_file):
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2 AND seq = 2")
    check = _verify(city_file)
    assert check.broken_id == 3 and check.message == f"{SECOND}审计记录编号2缺失（被删除），断在编号3之前。"


def test_two_deleted_events_are_named_as_a_range(city_file):
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2 AND seq IN (2, 3)")
    check = _verify(city_file)
    assert check.broken_id == 4 and check.message == f"{SECOND}审计记录编号2至3缺失（被删除），断在编号4之前。"


def test_a_first_event_deleted_is_named(city_file):
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2 AND seq = 1")
    check = _verify(city_file)
    assert check.broken_id == 2 and check.message == f"{SECOND}审计记录编号1缺失（被删除），断在编号2之前。"


def test_a_cut_tail_is_named_against_the_chains_own_head(city_file):
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2 AND seq = 4")
    check = _verify(city_file)
    assert check.broken_id == 4
    assert check.message == f"{SECOND}审计链末尾的记录缺失：应有4条（最后编号4），实有3条（最后编号3）。"


def test_the_servers_own_chain_is_named_as_such(city_file):
    _sql(city_file, "UPDATE events SET kind = '改' WHERE agency_id IS NULL AND seq = 2")
    check = _verify(city_file)
    assert check.broken_id == 2 and check.count == 1
    assert check.message.startswith("（服务器公共链）审计记录编号2（2026-12-01 09:02 （空） 改）与校验链不符")


def test_a_chain_whose_events_are_all_deleted_is_caught_by_its_head(city_file):
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2")
    check = _verify(city_file)
    assert check.broken_id == 1
    assert check.message == f"{SECOND}审计链末尾的记录缺失：应有4条（最后编号4），实有0条（最后编号0）。"


def test_events_without_a_head_are_caught(city_file):
    _sql(city_file, "DELETE FROM audit_head WHERE id = 2")
    check = _verify(city_file)
    assert check.broken_id == 5
    assert check.message == f"{SECOND}审计链末尾的记录缺失：应有0条（最后编号0），实有4条（最后编号4）。"


def test_a_head_of_no_known_agency_is_named_as_the_servers_chain(city_file):
    """A head row whose id is no agency's (its events gone): the names cannot say whose, so 服务器公共链."""
    _sql(city_file, "INSERT INTO audit_head (id, agency_id, last_id, last_hash, count) VALUES (7, NULL, 1, :h, 1)",
         h="f" * 64)
    check = _verify(city_file)
    assert check.broken_id == 1
    assert check.message == "（服务器公共链）审计链末尾的记录缺失：应有1条（最后编号1），实有0条（最后编号0）。"


def test_one_agencys_file_names_no_chain(sqlite_db, clerk):
    """A plain desk (one chain): the message names no agency, as before issue 22."""
    Services.build(sqlite_db).requests.register(clerk, request_input())
    _sql(sqlite_db, "DROP TRIGGER events_no_update")
    _sql(sqlite_db, "UPDATE events SET actor = 'x' WHERE seq = 2")
    check = _verify(sqlite_db)
    assert check.broken_id == 2 and check.message.startswith("审计记录编号2（")


def test_an_anchor_on_a_one_agency_desk_is_agency_1s_head(city_file):
    """app/services/agencies.py on SQLite: the desk is agency 1, so its anchor is agency 1's head, not
    乙机关's (4 events) nor the server's (2), and checking it looks in agency 1's chain."""
    from app.services.trust import audit_anchor

    first = _first_chain(city_file)
    head = tuple(_sql(city_file, "SELECT last_id, last_hash, count FROM audit_head WHERE id = 1").one())
    with city_file.read() as uow:
        anchor = audit_anchor.take(uow.session)
        assert (anchor.last_id, anchor.last_hash, anchor.count) == head and head[0] == first
        assert audit_anchor.check(uow.session, anchor) == ""
        # 乙机关's event 3, anchored: agency 1's own event 3 has another hash
        yi3 = _sql(city_file, "SELECT hash FROM events WHERE agency_id = 2 AND seq = 3").scalar()
        problem = audit_anchor.check(uow.session, audit_anchor.Anchor(3, yi3, 3, anchor.taken_at))
        assert first >= 3 and problem.startswith("审计记录编号3的校验值与锚点")


def test_progress_is_told_every_5000_events_with_the_total(city_file):
    """乙机关's chain grows to 10,000 events: verify reports after the 5,000th and the 10,000th event
    checked (agency 1's and the server's come first, so those are the counts it reaches), each time with
    the total of all heads."""
    _sql(city_file, "DELETE FROM events WHERE agency_id = 2")
    _sql(city_file, "DELETE FROM audit_head WHERE id = 2")
    previous, rows = GENESIS, []
    for seq in range(1, 10_001):
        row = {"id": seq, "request_id": None, "at": datetime(2026, 12, 1, 9, 0, 0, seq), "actor": "yi",
               "host": "pc", "kind": "登录", "field": "", "old": "", "new": "", "reason": ""}
        previous = link(previous, row)
        rows.append({**row, "h": previous})
    with city_file.engine.begin() as conn:
        conn.execute(text("INSERT INTO events (agency_id, seq, request_id, at, actor, host, kind, field, old, new, "
                          "reason, hash) VALUES (2, :id, NULL, :at, :actor, :host, :kind, '', '', '', '', :h)"), rows)
        conn.execute(text("INSERT INTO audit_head (id, agency_id, last_id, last_hash, count) "
                          "VALUES (2, 2, 10000, :h, 10000)"), {"h": previous})
    total = _first_chain(city_file) + 2 + 10_000
    told = []
    with city_file.read() as uow:
        check = verify(uow.session, lambda n, of: told.append((n, of)))
    assert check.ok and check.count == total
    assert told == [(5000, total), (10000, total)]
