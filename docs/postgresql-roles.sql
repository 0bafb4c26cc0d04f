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
CREATE DATABASE disclosure OWNER dd_owner ENCODING 'UTF8';
\connect disclosure
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO dd_owner;
GRANT USAGE ON SCHEMA public TO dd_app;
GRANT USAGE ON SCHEMA public TO dd_admin;

-- part 2 (after the owner's first run, and again after each upgrade that adds tables) ----------------
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dd_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dd_app;
-- The audit trail is append-only for the app: no UPDATE, DELETE or TRUNCATE, whatever a program does.
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM dd_app;
-- The chain's head may move forward but not disappear; the schema version is the owner's.
REVOKE DELETE, TRUNCATE ON audit_head FROM dd_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM dd_app;
-- Accounts and the office's settings are the administrator's: a workstation's role cannot make a clerk
-- 管理员, plant a password, or change the names and rules letters print. (Departments: a ledger import
-- may add one; only 管理 renames or retires one.)
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, settings, calendar_days FROM dd_app;
REVOKE UPDATE, DELETE, TRUNCATE ON departments FROM dd_app;
-- The administrator's role: what the app role may do, plus accounts, settings, holidays and departments.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dd_admin;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dd_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM dd_admin;
REVOKE DELETE, TRUNCATE ON audit_head FROM dd_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM dd_admin;
