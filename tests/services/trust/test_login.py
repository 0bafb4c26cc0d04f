"""Log-in: failures audited, slowed and locked out; unknown names cost a scrypt; hashes upgraded."""

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.errors import ValidationError
from app.models import Event, LoginFailure, User
from app.services.trust import passwords
from app.services.container import Services
from app.services.trust.office_service import OfficeService
from tests.conftest import TEST_PASSWORD, login_as

T0 = datetime(2026, 11, 30, 9, 0)


class Clock:
    def __init__(self):
        self.now = T0
        self.slept: list[float] = []


@pytest.fixture
def office(any_db):
    login_as(any_db, "clerk1", "王登记")
    clock = Clock()
    return OfficeService(any_db, now=lambda: clock.now, sleep=clock.slept.append), clock


def failures(db) -> list[tuple[str, str]]:
    with db.read() as uow:
        return [(e.actor, e.reason) for e in uow.session.scalars(
            select(Event).where(Event.kind == "登录失败").order_by(Event.id))]


def test_five_failures_lock_for_fifteen_minutes(office, any_db):
    service, clock = office
    for _ in range(4):
        with pytest.raises(ValidationError, match="用户名或密码不正确"):
            service.login("clerk1", "wrong-1")
    assert clock.slept == [0.0] * 4                            # no delay for the first four
    with pytest.raises(ValidationError, match="已锁定至09:15"):
        service.login("clerk1", "wrong-1")                      # the fifth locks: 09:00 + 15 min
    with pytest.raises(ValidationError, match="已锁定"):
        service.login("clerk1", TEST_PASSWORD)                  # the right password does not help now
    assert clock.slept[4:] == [1.0, 2.0]                        # then 1 s, 2 s … growing
    clock.now = T0 + timedelta(minutes=14, seconds=59)
    with pytest.raises(ValidationError, match="已锁定"):
        service.login("clerk1", TEST_PASSWORD)
    clock.now = T0 + timedelta(minutes=15, seconds=1)
    assert service.login("clerk1", TEST_PASSWORD).username == "clerk1"
    with any_db.read() as uow:
        assert uow.session.scalars(select(LoginFailure)).all() == []     # a log-in forgets the failures
    audited = failures(any_db)
    assert len(audited) == 7 and {a for a, _ in audited} == {"clerk1"}
    assert audited[0][1] == "密码不正确；本工作站连续失败1次" and audited[5][1].startswith("账户锁定期间尝试登录")


def test_unknown_names_are_audited_and_cost_a_scrypt(office, any_db, monkeypatch):
    service, _clock = office
    calls = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    with pytest.raises(ValidationError, match="用户名或密码不正确"):
        service.login("nobody", "wrong-1")
    unknown = list(calls)
    calls.clear()
    with pytest.raises(ValidationError, match="用户名或密码不正确"):
        service.login("clerk1", "wrong-1")
    assert unknown[-1:] == calls == [passwords.cost()]          # the same work either way
    assert failures(any_db)[0] == ("nobody", "用户名不存在；本工作站连续失败1次")


def _scrypt_params(db, username: str) -> str:
    """The account's scrypt parameters: in its row on SQLite; on PostgreSQL in the server's private
    verifier table (read here as the test server's superuser; the app's roles cannot)."""
    with db.read() as uow:
        if db.dialect == "postgresql":
            return uow.session.scalar(text("SELECT c.params FROM dd_private.credentials c JOIN users u "
                                           "ON u.id = c.user_id WHERE u.username = :n"), {"n": username})
        return uow.session.scalar(select(User.password_hash).where(User.username == username))


def test_default_cost_is_2_17_and_old_hashes_are_upgraded(office, any_db, monkeypatch):
    service, _clock = office
    monkeypatch.delenv(passwords.COST_VARIABLE)
    assert passwords.cost() == 2**17 == passwords.DEFAULT_N
    monkeypatch.setenv(passwords.COST_VARIABLE, str(2**11))     # a cheap stand-in for 'a higher cost'
    before = _scrypt_params(any_db, "clerk1")
    assert before.split("$")[1] == str(2**10) and passwords.needs_upgrade(before)
    service.login("clerk1", TEST_PASSWORD)
    after = _scrypt_params(any_db, "clerk1")
    assert after.split("$")[1] == str(2**11) and not passwords.needs_upgrade(after)
    assert service.login("clerk1", TEST_PASSWORD).username == "clerk1"       # the new hash verifies
    if any_db.dialect == "sqlite":
        assert passwords.verify_password(TEST_PASSWORD, after)
    assert Services.build(any_db).audit.verify().ok               # the account's new fingerprint is chained


def test_a_real_2_17_hash_verifies():
    stored = "scrypt$131072$8$1$" + "00" * 16 + "$"
    digest = hashlib.scrypt(b"secret-1", salt=bytes(16), n=2**17, r=8, p=1, dklen=32, maxmem=2**28)
    assert passwords.verify_password("secret-1", stored + digest.hex())
    assert not passwords.verify_password("secret-2", stored + digest.hex())


def test_every_user_creation_is_audited(any_db, admin):
    service = OfficeService(any_db)
    service.create_user(admin, "lisi", "李四", "承办人", "secret-1")
    with any_db.read() as uow:
        created = uow.session.scalars(select(Event.new).where(Event.kind == "新建用户")).all()
    assert created == ["管理员（管理员）", "李四（承办人）"]


def _fail_five(service, name, origin):
    answers = []
    for _ in range(5):
        with pytest.raises(ValidationError) as e:
            service.login(name, "wrong-1", origin=origin)
        answers.append(str(e.value))
    return answers


def test_unknown_names_are_answered_exactly_like_real_ones(office, any_db):
    """Five tries at a name must not tell whether the account exists (issue 21 item 6): the same
    messages, the same delays and the same lockout for “nobody” as for the real “clerk1”."""
    service, clock = office
    real = _fail_five(service, "clerk1", "w@PC-1")
    real_delays = list(clock.slept)
    clock.slept.clear()
    unknown = _fail_five(service, "nobody", "w@PC-1")
    assert unknown == real
    assert clock.slept == real_delays == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert real[-1] == "连续登录失败次数过多，该用户名在本工作站已锁定至09:15（15分钟）。请稍后再试，或请管理员重置密码。"
    with pytest.raises(ValidationError) as e:           # the sixth: still alike, 2 s later
        service.login("nobody", "wrong-1", origin="w@PC-1")
    assert "已锁定至09:15" in str(e.value) and clock.slept[-1] == 2.0
    assert failures(any_db)[5] == ("nobody", "用户名不存在；本工作站连续失败1次")


def test_one_workstation_cannot_lock_a_colleague_out_of_theirs(office):
    """Locking is by name and workstation: PC-9 hammering clerk1 locks clerk1 on PC-9 only."""
    service, _clock = office
    _fail_five(service, "clerk1", "mallory@PC-9")
    with pytest.raises(ValidationError, match="已锁定"):
        service.login("clerk1", TEST_PASSWORD, origin="mallory@PC-9")
    assert service.login("clerk1", TEST_PASSWORD, origin="wang@PC-1").username == "clerk1"


def test_an_admin_password_reset_lifts_the_lockout_everywhere(office, any_db, admin):
    service, _clock = office
    _fail_five(service, "clerk1", "a@PC-1")
    _fail_five(service, "clerk1", "b@PC-2")
    with any_db.read() as uow:
        uid = uow.session.scalar(select(User.id).where(User.username == "clerk1"))
        assert len(uow.session.scalars(select(LoginFailure)).all()) == 2
    view = next(u for u in service.users() if u.id == uid)
    service.update_user(admin, uid, view.display_name, view.role, view.department_id, view.active,
                        password="new-pass-1")
    assert service.login("clerk1", "new-pass-1", origin="a@PC-1").username == "clerk1"
    assert service.login("clerk1", "new-pass-1", origin="b@PC-2").username == "clerk1"
