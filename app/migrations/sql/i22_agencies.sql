-- PostgreSQL only (revision i22_agencies): many agencies on one server, isolated by row-level security.
-- The agency of a statement is the agency of the *server-side session* whose token the workstation
-- presents in the setting dd.token: dd_agency() (SECURITY DEFINER) hashes it, finds the live session in
-- dd_private.sessions and returns that user's agency. A workstation can present any string, but only a
-- token that a log-in with the user's password minted resolves; dd.agency or any other setting is never
-- read. No session, no rows. The owner (and the SECURITY DEFINER functions it owns) is not subject to
-- the policies: it migrates, appends the audit and moves whole agencies (join-city).

-- The session's agency, or NULL (no token, an unknown, ended or expired one, a disabled user, the city).
CREATE FUNCTION dd_agency() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT u.agency_id FROM dd_private.sessions s JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = encode(digest(coalesce(current_setting('dd.token', true), ''), 'sha256'), 'hex')
      AND s.ended_at IS NULL AND s.expires_at > now() AND u.active
$fn$;

-- The column default of every agency-owned table: the session's agency; without a session (the owner's
-- own maintenance, demo data) the first agency. For a workstation role the policies' WITH CHECK refuses a
-- row that is not its session's agency, so the fallback never lets it write anywhere.
CREATE FUNCTION dd_default_agency() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT coalesce(dd_agency(), (SELECT min(id) FROM public.agencies))
$fn$;

-- Whether the server has any account (the start-up asks before anyone has logged in).
CREATE FUNCTION dd_has_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.users)
$fn$;

-- A server being set up: no account has a password yet, so nobody can log in and nothing is isolated
-- yet; the administrator's PC may then create the first account (in the first agency).
CREATE FUNCTION dd_open_office() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT NOT EXISTS (SELECT 1 FROM dd_private.credentials) AND (SELECT count(*) FROM public.agencies) = 1
$fn$;

-- The chain an event belongs to: its user's agency; else the session's; else, on a server with one
-- agency, that one (as before issue 22); else the server's own chain (NULL: e.g. a failed log-in under a
-- name no agency knows, which no agency should read).
CREATE FUNCTION dd_private.chain_agency(p_actor text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT coalesce((SELECT agency_id FROM public.users WHERE username = p_actor), dd_agency(),
                    (SELECT min(id) FROM public.agencies HAVING count(*) = 1))
$fn$;

-- One chain per agency: its own head (id = agency id, 0 for the server's chain) and its own numbers
-- (seq, the "id" of the canonical content, so a chain moved between servers keeps its hashes).
CREATE FUNCTION dd_private.chain_append_to(p_agency integer, p_actor text, p_host text, p_request_id integer,
    p_kind text, p_field text, p_old text, p_new text, p_reason text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp SET TimeZone FROM CURRENT AS $fn$
DECLARE
    v_key integer := coalesce(p_agency, 0);
    v_seq integer;
    v_hash text;
    v_count integer;
    v_at timestamp;
BEGIN
    INSERT INTO public.audit_head (id, agency_id, last_id, last_hash, count)
    VALUES (v_key, p_agency, 0, repeat('0', 64), 0) ON CONFLICT (id) DO NOTHING;
    SELECT last_id, last_hash, count INTO v_seq, v_hash, v_count FROM public.audit_head WHERE id = v_key FOR UPDATE;
    v_at := clock_timestamp()::timestamp;
    v_seq := v_seq + 1;
    v_hash := dd_private.event_hash(v_hash, v_seq, p_request_id, v_at, p_actor, coalesce(p_host, ''), p_kind,
                                    coalesce(p_field, ''), coalesce(p_old, ''), coalesce(p_new, ''),
                                    coalesce(p_reason, ''));
    INSERT INTO public.events (agency_id, seq, request_id, at, actor, host, kind, field, old, new, reason, hash)
    VALUES (p_agency, v_seq, p_request_id, v_at, p_actor, coalesce(p_host, ''), p_kind, coalesce(p_field, ''),
            coalesce(p_old, ''), coalesce(p_new, ''), coalesce(p_reason, ''), v_hash);
    UPDATE public.audit_head SET last_id = v_seq, last_hash = v_hash, count = v_count + 1 WHERE id = v_key;
    RETURN v_seq;
END
$fn$;

-- The append of issue 21 (called by dd_login, dd_append and the unattended path) now picks the chain.
CREATE OR REPLACE FUNCTION dd_private.chain_append(p_actor text, p_host text, p_request_id integer, p_kind text,
    p_field text, p_old text, p_new text, p_reason text)
RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT dd_private.chain_append_to(dd_private.chain_agency(p_actor), p_actor, p_host, p_request_id, p_kind,
                                      p_field, p_old, p_new, p_reason)
$fn$;

-- Lock the session's chain (a ledger import), as before only the one chain.
CREATE OR REPLACE FUNCTION dd_lock_chain() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM 1 FROM public.audit_head WHERE id = coalesce(dd_default_agency(), 0) FOR UPDATE;
END
$fn$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dd_private FROM PUBLIC;
