-- PostgreSQL only (revision i22_city_library, after i22_city_board): the live 全市案例库 and the city's
-- readers of the agencies' annual reports.

-- 全市案例库 ---------------------------------------------------------------------------------------------
-- agency_id is the source agency. As on every agency table (agency_rows), the source reads, inserts (as
-- itself) and updates its own rows; in addition (city_read) every agency's session and the city office read
-- the cases not withdrawn. Nobody deletes (the roles hold no DELETE, docs/postgresql-roles.sql), and an
-- update is a withdrawal only (the trigger below). The app's service decides who of the source may act.
ALTER TABLE city_library_cases ALTER COLUMN agency_id SET DEFAULT dd_default_agency();
ALTER TABLE city_library_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON city_library_cases USING (agency_id = (SELECT dd_agency()))
    WITH CHECK (agency_id = (SELECT dd_agency()));
CREATE POLICY city_read ON city_library_cases FOR SELECT
    USING (withdrawn_at IS NULL AND ((SELECT dd_agency()) IS NOT NULL OR (SELECT dd_is_city())));

-- An update is a withdrawal and nothing else: the published text never changes, a withdrawal names who
-- and why, and a withdrawn case stays withdrawn (publishing it again makes a new row).
CREATE FUNCTION dd_city_library_withdraw_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    IF OLD.withdrawn_at IS NOT NULL THEN
        RAISE EXCEPTION '该案例已从全市案例库撤回，不能再修改' USING ERRCODE = '42501';
    END IF;
    IF NEW.withdrawn_at IS NULL OR btrim(NEW.withdrawn_by) = '' OR btrim(NEW.withdraw_reason) = '' THEN
        RAISE EXCEPTION '全市案例库的案例只能撤回（须写明撤回人和理由），不能修改' USING ERRCODE = '42501';
    END IF;
    IF to_jsonb(NEW) - '{withdrawn_at,withdrawn_by,withdraw_reason}'::text[]
       IS DISTINCT FROM to_jsonb(OLD) - '{withdrawn_at,withdrawn_by,withdraw_reason}'::text[] THEN
        RAISE EXCEPTION '全市案例库的案例只能撤回，不能修改' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER city_library_withdraw_only BEFORE UPDATE ON city_library_cases
    FOR EACH ROW EXECUTE FUNCTION dd_city_library_withdraw_only();

-- The city's annual summary ----------------------------------------------------------------------------
-- The city office reads no agency's rows (i22_city_board); for the summary it reads, through these
-- functions alone, each agency's name and code, its annual reports' frozen figures (locked ones only)
-- and the figures' inputs recomputed now (grouped counts, never a case or a person).

-- dd_private.require_city() (i22_city_board) refuses anyone but the city office.

-- Each agency: the code its exchange files carry (its 机关代码 setting, else the server's code) and name.
CREATE FUNCTION dd_city_summary_agencies()
RETURNS TABLE (agency_id integer, code text, name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT a.id, coalesce(nullif(btrim((SELECT s.value::jsonb #>> '{}' FROM public.settings s
                                         WHERE s.agency_id = a.id AND s.key = 'agency_code')), ''), a.code)::text,
           a.name::text
    FROM public.agencies a ORDER BY a.id;
END
$fn$;

-- The annual reports of p_year and the year before: whether locked, and only a locked one's figures.
CREATE FUNCTION dd_city_annual_reports(p_year integer)
RETURNS TABLE (agency_id integer, year integer, locked boolean, locked_at timestamp, table2_json text,
               frozen_json text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT r.agency_id, r.year, r.locked, r.locked_at,
           CASE WHEN r.locked THEN r.table2_json ELSE '' END,
           CASE WHEN r.locked THEN r.frozen_json ELSE '' END
    FROM public.annual_reports r WHERE r.year IN (p_year, p_year - 1) ORDER BY r.agency_id, r.year;
END
$fn$;

-- Table 三's input as it stands now, for the agencies whose p_year report is locked: the groups of like
-- cases of app/services/reports/report_facts.case_groups (same predicate "touches", same places:
-- -1 before the year, 0 in it, 1 after it, NULL without a date).
CREATE FUNCTION dd_city_case_groups(p_year integer)
RETURNS TABLE (agency_id integer, received integer, replied integer, backwards integer, applicant_type text,
               outcome text, n bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_start date := make_date(p_year, 1, 1);
    v_end date := make_date(p_year, 12, 31);
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT q.agency_id,
           CASE WHEN q.receipt_date IS NULL THEN NULL WHEN q.receipt_date < v_start THEN -1
                WHEN q.receipt_date <= v_end THEN 0 ELSE 1 END,
           CASE WHEN q.reply_date IS NULL THEN NULL WHEN q.reply_date < v_start THEN -1
                WHEN q.reply_date <= v_end THEN 0 ELSE 1 END,
           CASE WHEN q.reply_date < q.receipt_date THEN 1 ELSE 0 END,
           q.applicant_type::text, q.outcome::text, count(*)
    FROM public.requests q
    WHERE q.agency_id IN (SELECT r.agency_id FROM public.annual_reports r WHERE r.year = p_year AND r.locked)
      AND q.receipt_date IS NOT NULL
      AND ((q.receipt_date <= v_end AND (q.reply_date IS NULL OR q.reply_date >= v_start))
           OR q.reply_date BETWEEN v_start AND v_end)
    GROUP BY 1, 2, 3, 4, 5, 6;
END
$fn$;

-- Table 四's input now (review_facts: the register's kind, dates and result, no party) and the fees.
CREATE FUNCTION dd_city_review_facts(p_year integer)
RETURNS TABLE (agency_id integer, id integer, kind text, filed_on date, result text, decided_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT c.agency_id, c.id, c.kind::text, c.filed_on, c.result::text, c.decided_on FROM public.review_cases c
    WHERE c.agency_id IN (SELECT r.agency_id FROM public.annual_reports r WHERE r.year = p_year AND r.locked)
      AND c.filed_on <= make_date(p_year, 12, 31)
      AND (c.decided_on IS NULL OR c.decided_on >= make_date(p_year, 1, 1))
    ORDER BY c.agency_id, c.id;
END
$fn$;

CREATE FUNCTION dd_city_fee_figures(p_year integer)
RETURNS TABLE (agency_id integer, notices bigint, notified numeric, collected numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_start date := make_date(p_year, 1, 1);
    v_end date := make_date(p_year, 12, 31);
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT r.agency_id,
           (SELECT count(*) FROM public.fee_notices f WHERE f.agency_id = r.agency_id
                AND f.issued_on BETWEEN v_start AND v_end),
           (SELECT coalesce(sum(f.amount), 0)::numeric FROM public.fee_notices f WHERE f.agency_id = r.agency_id
                AND f.issued_on BETWEEN v_start AND v_end),
           (SELECT coalesce(sum(f.paid_amount), 0)::numeric FROM public.fee_notices f
                WHERE f.agency_id = r.agency_id AND f.paid_on BETWEEN v_start AND v_end)
    FROM public.annual_reports r WHERE r.year = p_year AND r.locked ORDER BY r.agency_id;
END
$fn$;

