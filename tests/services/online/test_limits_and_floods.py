"""Wrong attempts limited per 查询码 and per address with back-off; floods flagged, never dropped; agencies;
the cheap form check. Limits from app/services/online/rules.py, expected values worked out by hand."""

import json
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.models import Request, Setting
from app.services.online.dto import Client, OnlineForbidden, OnlineInvalid, OnlineNotFound, OnlineThrottled
from tests.services.online.support import HOME, Clock, citizen, services


def _wrong(online, code, client, n):
    for _ in range(n):
        with pytest.raises(OnlineNotFound):
            online.status(code, "0000", client)


def test_wrong_last4_for_one_code_backs_off_from_any_address(sqlite_db):
    clock = Clock(datetime(2025, 3, 3, 9, 0))
    online, *_ = services(sqlite_db, clock)
    code = online.submit(None, citizen(), [], HOME).query_code
    for i in range(5):                                  # 5 wrong answers allowed per 15 minutes …
        _wrong(online, code, Client(f"198.51.100.{i}"), 1)
    with pytest.raises(OnlineThrottled) as e:           # … the 6th blocks the code for 900 s
        online.status(code, "0000", Client("198.51.100.99"))
    assert e.value.retry_after == 900 and "15分钟" in str(e.value)
    clock.now += timedelta(seconds=600)
    with pytest.raises(OnlineThrottled) as e:           # even the right digits wait: 300 s left
        online.status(code, "5678", HOME)
    assert e.value.retry_after == 300
    clock.now += timedelta(seconds=301)
    assert online.status(code, "5678", HOME).stage.startswith("待确认")
    _wrong(online, code, HOME, 5)
    with pytest.raises(OnlineThrottled) as e:           # the second block doubles: 1800 s
        online.status(code, "0000", HOME)
    assert e.value.retry_after == 1800


def test_guessing_codes_from_one_address_is_blocked(any_db):
    online, *_ = services(any_db)
    guesser, other = Client("192.0.2.66"), Client("192.0.2.67")
    code = online.submit(None, citizen(), [], other).query_code
    for i in range(20):                                 # 20 wrong codes per 15 minutes per address
        _wrong(online, f"AAAA-AAAA-AAAA-AAAA-{i:04d}".replace("0", "B"), guesser, 1)
    with pytest.raises(OnlineThrottled) as e:
        online.status("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", "0000", guesser)
    assert e.value.retry_after == 300
    with pytest.raises(OnlineThrottled):                # the guesser waits even with a right pair
        online.status(code, "5678", guesser)
    assert online.status(code, "5678", other).stage.startswith("待确认")   # nobody else does


def test_a_flood_is_flagged_and_kept(any_db):
    online, desk, *_ = services(any_db)
    robot = Client("203.0.113.250")
    for i in range(5):
        online.submit(None, citizen(name=f"申请人{i}", description=f"第{i}份不同的申请内容，关于某项目{i}"), [], robot)
    for i in range(3):
        online.submit(None, citizen(name=f"另一人{i}", description="请公开 全部 文件！"), [], Client(f"10.0.0.{i}"))
    floods = {f.kind: f for f in desk.floods()}
    assert (floods["同一来源"].count, floods["同一内容"].count) == (5, 3)
    pending = desk.pending()
    assert len(pending) == 8                            # nothing dropped
    assert sorted(p.flood for p in pending) == ["同一内容"] * 3 + ["同一来源"] * 5


def test_submissions_per_address_are_limited(sqlite_db):
    clock = Clock(datetime(2025, 3, 3, 9, 0))
    online, desk, *_ = services(sqlite_db, clock)
    for i in range(20):
        online.submit(None, citizen(description=f"申请内容{i}"), [], HOME)
    with pytest.raises(OnlineThrottled) as e:
        online.submit(None, citizen(description="第21份"), [], HOME)
    assert e.value.retry_after == 600
    assert len(desk.pending()) == 20
    clock.now += timedelta(seconds=601)
    online.submit(None, citizen(description="等待之后"), [], HOME)


def test_the_agency_is_named_on_a_server_of_several(any_db):
    with any_db.uow() as uow:
        uow.session.execute(text("INSERT INTO agencies (id, code, name) VALUES (2, 'jia', '甲区政务服务数据管理局')"))
        uow.session.add(Setting(key="online_notice", value=json.dumps("请如实填写。"), agency_id=2))
        uow.commit()
    online, desk, *_ = services(any_db)
    agencies = online.agencies()
    assert [(a.code, a.name, a.notice) for a in agencies][0] == ("jia", "甲区政务服务数据管理局", "请如实填写。")
    assert len(agencies) == 2
    with pytest.raises(OnlineInvalid) as e:
        online.submit(None, citizen(), [], HOME)
    assert e.value.errors == {"agency": "请选择受理单位。"}
    receipt = online.submit("jia", citizen(), [], HOME)
    assert receipt.agency_name == "甲区政务服务数据管理局"
    with any_db.read() as uow:
        assert uow.session.scalars(select(Request.agency_id)).all() == [2]
    assert online.status(receipt.query_code, "5678", HOME).agency_name == "甲区政务服务数据管理局"


def test_the_cheap_form_check(sqlite_db):
    online, *_ = services(sqlite_db)
    token = online.issue_challenge()
    with pytest.raises(OnlineForbidden):
        online.check_cheap_challenge(token)                      # back within 3 s: a script
    stamp = str(int(time.time()) - 10)
    old = online.issue_challenge().replace(online.issue_challenge().split(".")[0], stamp, 1)
    with pytest.raises(OnlineForbidden):
        online.check_cheap_challenge(old)                        # forged time: the MAC no longer fits
    from app.services.online import codes
    fair = f"{stamp}.{codes.sign(bytes(range(32)), stamp)}"
    online.check_cheap_challenge(fair)                           # 10 s later, honest
    with pytest.raises(OnlineForbidden):
        online.check_cheap_challenge(fair, honeypot="http://spam")
    aged = str(int(time.time()) - 7300)
    with pytest.raises(OnlineForbidden):
        online.check_cheap_challenge(f"{aged}.{codes.sign(bytes(range(32)), aged)}")   # over 2 h
    for junk in ("", "abc", "1.2.3", "<script>"):
        with pytest.raises(OnlineForbidden):
            online.check_cheap_challenge(junk)
