"""CSRF double-submit tokens and the signed case cookie, checked at their edges (ages worked by hand)."""

from __future__ import annotations

import pytest

from app.web import tokens

SECRET = b"s" * 32
NOW = 1_800_000_000


def test_token_accepted_for_its_own_nonce_within_age():
    t = tokens.form_token(SECRET, "nonce-aaaaaaaaaaaaaaaaaaaa", now=NOW)
    tokens.check_form_token(SECRET, "nonce-aaaaaaaaaaaaaaaaaaaa", t, max_age=3600, now=NOW + 3600)


@pytest.mark.parametrize("nonce, token_of, age, reason", [
    ("nonce-a", "nonce-b", 10, "forged"),          # another browser's token (the CSRF attack)
    ("", "nonce-a", 10, "missing"),                # no cookie
    ("nonce-a", None, 10, "missing"),              # no field
    ("nonce-a", "nonce-a", 3601, "expired"),       # one second past the hour
])
def test_token_refused(nonce, token_of, age, reason):
    token = tokens.form_token(SECRET, token_of, now=NOW) if token_of else None
    with pytest.raises(tokens.TokenRefused) as e:
        tokens.check_form_token(SECRET, nonce, token, max_age=3600, now=NOW + age)
    assert e.value.reason == reason and "刷新页面" in e.value.message


def test_token_with_another_secret_or_edited_time_refused():
    t = tokens.form_token(b"x" * 32, "nonce-a", now=NOW)
    with pytest.raises(tokens.TokenRefused):
        tokens.check_form_token(SECRET, "nonce-a", t, max_age=3600, now=NOW)
    mac = tokens.form_token(SECRET, "nonce-a", now=NOW).split(".")[1]
    with pytest.raises(tokens.TokenRefused):          # a later issue time pasted onto the old signature
        tokens.check_form_token(SECRET, "nonce-a", f"{NOW + 100}.{mac}", max_age=3600, now=NOW + 100)


def test_case_cookie_round_trip_and_tamper():
    value = tokens.case_cookie(SECRET, "K7QF-3M9X-T2DP-HV8C-W4RA", "1234")
    assert tokens.read_case_cookie(SECRET, value, 600) == ("K7QF-3M9X-T2DP-HV8C-W4RA", "1234")
    assert tokens.read_case_cookie(b"y" * 32, value, 600) is None
    assert tokens.read_case_cookie(SECRET, value[:-2] + "AA", 600) is None
    assert tokens.read_case_cookie(SECRET, "", 600) is None
