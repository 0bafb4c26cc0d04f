-- PostgreSQL only (revision i22_city_board): the city office (市政务公开办) on a server of many agencies.
-- A city user belongs to no agency (users.agency_id NULL), so dd_agency() is NULL for its session and
-- row-level security shows it no agency's rows. Everything the city sees comes through the SECURITY
-- DEFINER functions below, each of which first checks dd_is_city() and returns only aggregates or rows
-- without personal data.

-- The user of the session the connection presents (dd.token), if the session is live and the user active.
CREATE FUNCTION dd_session_uid() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT u.id FROM dd_private.sessions s JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = encode(digest(coalesce(current_setting('dd.token', true), ''), 'sha256'), 'hex')
      AND s.ended_at IS NULL AND s.expires_at > now() AND u.active
$fn$;

-- Whether the session belongs to an active user of the city office: role 市政务公开办 and no agency
-- (an agency's administrator who names an account 市政务公开办 makes it no city user).
CREATE FUNCTION dd_is_city() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT coalesce((SELECT u.role = '市政务公开办' AND u.agency_id IS NULL FROM public.users u
                     WHERE u.id = dd_session_uid()), false)
$fn$;

-- Every session reads its own account (the log-in loads it; a city user has no agency to see it by).
CREATE POLICY own_row ON users FOR SELECT USING (id = (SELECT dd_session_uid()));
