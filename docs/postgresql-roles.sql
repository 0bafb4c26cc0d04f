-- Disclosure Desk on a shared PostgreSQL server: an owner role, an app role and an admin role.
-- Run part 1 as the server's superuser (psql -U postgres), once.
-- The owner runs the program once (any command, e.g. `python -m app --db postgresql+psycopg://dd_owner@SERVER/disclosure verify-audit`)
-- so the migrations create the tables; after every program upgrade the owner does the same once.
-- Then run part 2 as the superuser (psql -U postgres -d disclosure). The workstations use dd_app; the
-- administrator's own PC uses dd_admin for 管理 (users, roles, passwords, settings, holidays, departments).

-- part 1 ------------------------------------------------------------------------------------------
CREATE ROLE dd_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE dd_app LOGIN PASSWORD 'change-me-app';
CREATE ROLE dd_admin LOGIN PASSWORD 'change-me-admin';
-- The public web service (issue 23): it may only call the dd_web_* functions (see part 2).
CREATE ROLE dd_web LOGIN PASSWORD 'change-me-web';
CREATE DATABASE disclosure OWNER dd_owner ENCODING 'UTF8';
\connect disclosure
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO dd_owner;
GRANT USAGE ON SCHEMA public TO dd_app;
GRANT USAGE ON SCHEMA public TO dd_admin;
GRANT USAGE ON SCHEMA public TO dd_web;

-- part 2 (after the owner's first run, and again after each upgrade that adds tables) ----------------
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dd_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dd_app;
-- The audit trail is written only by the server's own functions (dd_login, dd_append: SECURITY DEFINER,
-- they take the time, the chain's head and the session's user themselves). The app reads it, nothing more.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON events, audit_head FROM dd_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM dd_app;
-- The agencies on the server are the owner's (join-city adds one): no workstation adds or renames one.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON agencies FROM dd_app;
-- Accounts and the office's settings are the administrator's: a workstation's role cannot make a clerk
-- 管理员, plant a password, or change the names and rules letters print. Failed log-ins are counted by
-- dd_login. (Departments: a ledger import may add one; only 管理 renames or retires one.)
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, settings, calendar_days, login_failures FROM dd_app;
REVOKE UPDATE, DELETE, TRUNCATE ON departments FROM dd_app;
-- The administrator's role: what the app role may do, plus accounts, settings, holidays, departments, and
-- lifting log-in lockouts with a password reset.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dd_admin;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dd_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON events, audit_head FROM dd_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM dd_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON agencies FROM dd_admin;
-- Password verifiers and sessions live in the schema dd_private, which the migration closed to PUBLIC:
-- neither role gets USAGE on it, so neither can read a verifier or a session, or call the internal append.
-- Both log in, act and append through the functions, which PUBLIC may execute (each checks the session).
REVOKE ALL ON SCHEMA dd_private FROM dd_app, dd_admin;
GRANT EXECUTE ON FUNCTION dd_login(text, text, text, timestamp), dd_login_params(text, text),
    dd_session_user(text), dd_logout(text), dd_append(text, integer, text, text, text, text, text),
    dd_lock_chain(), dd_set_password(text, integer, text, text, text), dd_agency(), dd_default_agency(),
    dd_has_users(), dd_open_office() TO dd_app, dd_admin;
-- Every agency-owned table has row-level security (migration i22_agencies): each role sees and writes only
-- the rows of the agency of the session it presents (dd.token); neither role owns a table, so neither
-- escapes the policies.
-- The online service's own tables (issue 23): the web's functions insert submissions, answers and fetches;
-- a workstation only refuses a submission (UPDATE), accepts an answer (UPDATE) and records a mail notice
-- sent (INSERT); nobody but those functions touches the throttle counters.
REVOKE INSERT, DELETE, TRUNCATE ON online_submissions, online_answers FROM dd_app, dd_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON online_fetches, online_throttle FROM dd_app, dd_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON online_mails FROM dd_app, dd_admin;
-- The public web service's role (issue 23): no table, no sequence, no view; only the SECURITY DEFINER
-- functions of migration online_core (submit, status by the hashed 查询码, answer a 补正, fetch a document,
-- throttle counters, the agencies). Each fixes what a caller cannot change (app/migrations/sql/online_core.sql).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM dd_web;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM dd_web;
REVOKE ALL ON SCHEMA dd_private FROM dd_web;
GRANT EXECUTE ON FUNCTION dd_web_agencies(), dd_web_throttle(text, text, integer, integer, integer, integer, boolean),
    dd_web_submit(text, jsonb, jsonb, text[], bytea[], text[]), dd_web_status(text, text),
    dd_web_answer(text, text, text, text[], bytea[], text[]), dd_web_fetch(text, text, integer) TO dd_web;
