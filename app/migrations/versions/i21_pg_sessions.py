"""PostgreSQL: server-side log-in, sessions and audit appends (issue 21 item 3); nothing on SQLite

Revision ID: i21_pg_sessions
Revises: i21_merge

Creates the private schema (password verifiers, sessions, a secret) and the SECURITY DEFINER functions
of sql/i21_pg_sessions.sql, then moves each existing scrypt hash out of ``users``: the server keeps
crypt(scrypt digest, bf) with the scrypt salt, so every account logs in as before with its password,
and ``users.password_hash`` keeps only a fingerprint. Every account's new fingerprint is chained
(账户核验值), so verify-audit still holds.
"""

from pathlib import Path

from alembic import op

revision = "i21_pg_sessions"
down_revision = "i21_merge"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parent.parent / "sql" / "i21_pg_sessions.sql"

# Each scrypt$N$r$p$salt$digest hash becomes params (scrypt$N$r$p$salt) and a verifier of its digest.
_MOVE_HASHES = """
SELECT dd_private.store_credential(id, substring(password_hash FROM '^(scrypt[$][0-9]+[$][0-9]+[$][0-9]+[$][0-9a-f]{32})[$]'),
                                   substring(password_hash FROM '[$]([0-9a-f]{64})$'))
FROM users WHERE password_hash ~ '^scrypt[$][0-9]+[$][0-9]+[$][0-9]+[$][0-9a-f]{32}[$][0-9a-f]{64}$' ORDER BY id
"""
# The account fingerprint of app/services/trust/audit_evidence.py, for the accounts whose hash moved.
_CHAIN_ACCOUNTS = """
SELECT dd_private.chain_append('installer', '', NULL, '账户核验值', username, '',
    left(encode(digest(username || E'\\n' || role || E'\\n' || (CASE WHEN active THEN '1' ELSE '0' END) || E'\\n'
                       || coalesce(department_id::text, '') || E'\\n' || coalesce(password_hash, ''), 'sha256'), 'hex'), 32),
    '密码校验值移至服务器')
FROM users ORDER BY id
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # One script with PL/pgSQL bodies: run through the driver without binding parameters.
    bind.connection.driver_connection.execute(SQL.read_text(encoding="utf-8"))
    bind.exec_driver_sql(_MOVE_HASHES)
    bind.exec_driver_sql(_CHAIN_ACCOUNTS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in ("dd_set_password(text, integer, text, text, text)", "dd_logout(text)",
                 "dd_login(text, text, text, timestamp)", "dd_login_params(text, text)", "dd_lock_chain()",
                 "dd_append(text, integer, text, text, text, text, text)", "dd_session_user(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.execute("DROP SCHEMA IF EXISTS dd_private CASCADE")    # verifiers go: passwords must be set again
