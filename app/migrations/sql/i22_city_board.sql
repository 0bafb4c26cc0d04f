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

-- Refuse, as the server refuses a missing right, a function of the city called by anyone else.
CREATE FUNCTION dd_private.require_city() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    IF NOT dd_is_city() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '只有市政务公开办的账户可以查看或督办各机关的办理情况。';
    END IF;
END
$fn$;

-- The supervision board: per agency its open cases, those due by p_soon_until (not yet overdue), the
-- overdue ones (due before p_today), the cases replied this year up to p_today and how many of them by
-- their due date, and the oldest overdue case (申请编号, days overdue). Only counts and a case number.
CREATE FUNCTION dd_city_board(p_today date, p_soon_until date)
RETURNS TABLE (agency_id integer, agency_code varchar, agency_name varchar, open_cases integer,
               due_soon integer, overdue integer, replied integer, replied_on_time integer,
               oldest_number varchar, oldest_days integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    WITH open_cases AS (
        SELECT r.agency_id, count(*)::integer AS n,
               count(*) FILTER (WHERE r.reply_due >= p_today AND r.reply_due <= p_soon_until)::integer AS soon,
               count(*) FILTER (WHERE r.reply_due < p_today)::integer AS late
        FROM public.requests r WHERE r.status NOT IN ('已答复', '已归档') GROUP BY r.agency_id),
    done AS (
        SELECT r.agency_id, count(*)::integer AS n,
               count(*) FILTER (WHERE r.reply_date <= r.reply_due)::integer AS on_time
        FROM public.requests r
        WHERE r.reply_date IS NOT NULL AND r.reply_date >= date_trunc('year', p_today)::date
          AND r.reply_date <= p_today
        GROUP BY r.agency_id),
    oldest AS (
        SELECT a.id AS agency_id, o.number, o.days FROM public.agencies a CROSS JOIN LATERAL (
            SELECT r.number, (p_today - r.reply_due)::integer AS days FROM public.requests r
            WHERE r.agency_id = a.id AND r.status NOT IN ('已答复', '已归档') AND r.reply_due < p_today
            ORDER BY r.reply_due, r.number LIMIT 1) o)
    SELECT a.id, a.code, a.name, coalesce(oc.n, 0), coalesce(oc.soon, 0), coalesce(oc.late, 0),
           coalesce(d.n, 0), coalesce(d.on_time, 0), o.number, o.days
    FROM public.agencies a LEFT JOIN open_cases oc ON oc.agency_id = a.id LEFT JOIN done d ON d.agency_id = a.id
    LEFT JOIN oldest o ON o.agency_id = a.id
    ORDER BY a.id;
END
$fn$;

-- The agencies on the server (the city's session reads none through the policy).
CREATE FUNCTION dd_city_agencies() RETURNS TABLE (id integer, code varchar, name varchar)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY SELECT a.id, a.code, a.name FROM public.agencies a ORDER BY a.id;
END
$fn$;

-- One agency's open cases without personal data: 申请编号, dates, status, days overdue, 承办处室.
CREATE FUNCTION dd_city_cases(p_agency integer, p_today date)
RETURNS TABLE (number varchar, receipt_date date, reply_due date, status varchar, days_overdue integer,
               department varchar)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT r.number, r.receipt_date, r.reply_due, r.status,
           (CASE WHEN r.reply_due < p_today THEN p_today - r.reply_due ELSE 0 END)::integer,
           coalesce(d.name, '')::varchar
    FROM public.requests r LEFT JOIN public.departments d ON d.id = r.department_id
    WHERE r.agency_id = p_agency AND r.status NOT IN ('已答复', '已归档')
    ORDER BY r.reply_due NULLS LAST, r.number;
END
$fn$;

-- The desk's subject families (app/workflow/field_terms.py), written in by the migration: the city may
-- count by these only, never by a pattern of its own (which could find a name in the texts).
CREATE FUNCTION dd_private.subject_patterns() RETURNS TABLE (family text, pattern text)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT * FROM (VALUES
        /*SUBJECT_FAMILIES*/
    ) AS f (family, pattern)
$fn$;

-- The subjects asked per agency in a period (by receipt date): family and count, nothing else.
CREATE FUNCTION dd_city_subjects(p_start date, p_end date)
RETURNS TABLE (agency_id integer, agency_name varchar, family text, cases integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM dd_private.require_city();
    RETURN QUERY
    SELECT a.id, a.name, f.family, count(DISTINCT r.id)::integer
    FROM public.requests r JOIN public.agencies a ON a.id = r.agency_id
    JOIN (SELECT p.family, p.pattern FROM dd_private.subject_patterns() p) f ON r.description ~ f.pattern
    WHERE r.receipt_date BETWEEN p_start AND p_end
    GROUP BY a.id, a.name, f.family
    ORDER BY f.family, a.id;
END
$fn$;

-- The 督办 notices: a workstation role reads them through the policy (the city all, an agency its own)
-- and writes them only through the two functions below, which number and audit them.
ALTER TABLE city_notices ALTER COLUMN agency_id DROP DEFAULT;
ALTER TABLE city_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON city_notices USING (agency_id = (SELECT dd_agency()) OR (SELECT dd_is_city()))
    WITH CHECK (agency_id = (SELECT dd_agency()));
CREATE FUNCTION dd_private.city_notices_by_functions() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    IF current_user <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'city_notices') THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '督办通知只能由市政务公开办发出、由收文机关签阅或回复。';
    END IF;
    RETURN coalesce(NEW, OLD);
END
$fn$;
CREATE TRIGGER city_notices_by_functions BEFORE INSERT OR UPDATE OR DELETE ON city_notices
    FOR EACH ROW EXECUTE FUNCTION dd_private.city_notices_by_functions();

-- Send a notice: the next number of the city's series for the year of p_sent_on, audited in the
-- receiving agency's chain. p_cases is JSON: [[申请编号, days overdue], …].
CREATE FUNCTION dd_city_send_notice(p_agency integer, p_sent_on date, p_reply_by date, p_cases text, p_body text)
RETURNS TABLE (id integer, number varchar)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
#variable_conflict use_column
DECLARE
    who record;
    v_year integer := extract(year FROM p_sent_on)::integer;
    v_seq integer;
    v_number text;
    v_id integer;
BEGIN
    PERFORM dd_private.require_city();
    IF NOT EXISTS (SELECT 1 FROM public.agencies a WHERE a.id = p_agency) THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = '收文机关不存在，请在看板上重新选择机关。';
    END IF;
    SELECT * INTO who FROM dd_session_user(current_setting('dd.token', true));
    PERFORM pg_advisory_xact_lock(hashtext('city_notices'), v_year);
    SELECT coalesce(max(n.seq), 0) + 1 INTO v_seq FROM public.city_notices n WHERE n.year = v_year;
    v_number := '〔' || v_year || '〕督办第' || v_seq || '号';
    INSERT INTO public.city_notices (agency_id, year, seq, number, sent_on, reply_by, cases, body, sent_by,
                                     sent_at, status, answered_by, answer)
    VALUES (p_agency, v_year, v_seq, v_number, p_sent_on, p_reply_by, coalesce(p_cases, '[]'), coalesce(p_body, ''),
            who.username, now()::timestamp, '未阅', '', '')
    RETURNING city_notices.id INTO v_id;
    PERFORM dd_private.chain_append_to(p_agency, who.username, left(who.origin, 120), NULL, '督办通知', '督办通知',
                                       '', v_number, '市政务公开办督办，请于' || p_reply_by || '前回复');
    RETURN QUERY SELECT v_id, v_number::varchar;
END
$fn$;

-- The receiving agency's chief or clerk marks a notice 已阅 or 已回复 (with its answer), audited.
CREATE FUNCTION dd_city_answer_notice(p_id integer, p_status text, p_answer text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    who record;
    v_role text;
    v_old record;
BEGIN
    SELECT * INTO who FROM dd_session_user(current_setting('dd.token', true));
    SELECT u.role INTO v_role FROM public.users u WHERE u.id = who.user_id AND u.active;
    SELECT n.agency_id, n.status, n.number INTO v_old FROM public.city_notices n WHERE n.id = p_id FOR UPDATE;
    IF NOT FOUND OR v_old.agency_id IS DISTINCT FROM dd_agency() OR v_role NOT IN ('科室负责人', '登记员') THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '只有收文机关的科室负责人或登记员可以签阅、回复督办通知。';
    END IF;
    IF p_status NOT IN ('已阅', '已回复') OR (p_status = '已回复' AND coalesce(btrim(p_answer), '') = '') THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = '回复督办通知须填写回复内容。';
    END IF;
    UPDATE public.city_notices SET status = p_status, answered_by = who.username, answered_at = now()::timestamp,
           answer = coalesce(p_answer, '') WHERE id = p_id;
    PERFORM dd_private.chain_append(who.username, left(who.origin, 120), NULL, '督办通知', v_old.number || '.状态',
                                    v_old.status, p_status, coalesce(p_answer, ''));
END
$fn$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dd_private FROM PUBLIC;
