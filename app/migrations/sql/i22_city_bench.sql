-- PostgreSQL only (revision i22_city_bench): the city server's statements under row-level security, fast.
-- Measured with benches/bench_shared_office.py --agencies 40 --cases 350000 --clients 10 (README).

-- dd_agency() and dd_default_agency() in PL/pgSQL: the same query, but a SQL-language function that cannot
-- be inlined (SECURITY DEFINER, SET search_path) is parsed and planned again on every call, and every
-- statement calls dd_agency() once per table it reads (the policies' initplan). PL/pgSQL keeps the plan
-- for the connection's life: ~80 µs → ~17 µs a call, measured on the app role. Same answers: a live
-- session's agency, else NULL; the default falls back to the first agency. Grants are kept (OR REPLACE).
CREATE OR REPLACE FUNCTION dd_agency() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    RETURN (SELECT u.agency_id FROM dd_private.sessions s JOIN public.users u ON u.id = s.user_id
            WHERE s.token_hash = encode(digest(coalesce(current_setting('dd.token', true), ''), 'sha256'), 'hex')
              AND s.ended_at IS NULL AND s.expires_at > now() AND u.active);
END
$fn$;

CREATE OR REPLACE FUNCTION dd_default_agency() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    RETURN coalesce(dd_agency(), (SELECT min(id) FROM public.agencies));
END
$fn$;

-- The list, the searches and the workbench counts read one agency's rows: indexes that lead with it.
-- The list's first page: the agency's cases in due-date order (LIMIT stops after the page). The search
-- columns are INCLUDEd because a LIKE is not LEAKPROOF: under row-level security the planner may neither
-- use the pg_trgm indexes for it nor its statistics, so a search reads the agency's rows; with the
-- columns in this index it reads them from the index alone (no heap visit), in due-date order.
CREATE INDEX ix_requests_agency_due ON requests (agency_id, reply_due, id)
    INCLUDE (applicant_name, description, number);
-- The workbench: counts by status, the due-soon and overdue counts of one agency.
CREATE INDEX ix_requests_agency_status_due ON requests (agency_id, status, reply_due);
