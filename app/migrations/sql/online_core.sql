-- PostgreSQL only (revision online_core): what the public web service's role dd_web may do, and nothing
-- else. dd_web owns no table and has no table privilege (docs/postgresql-roles.sql): each step is one of
-- the SECURITY DEFINER functions below, owned by the owner, each keyed by the HMAC of the 查询码 (the web
-- computes it with the server secret; the database never sees a code). The same steps run in Python on
-- SQLite (app/services/online/store_python.py); tests run both. The functions fix what a caller cannot
-- change: a submission is always 待确认, 网络, without receipt date, in the agency named by its code; only a
-- signed, current 补正/延期/答复 letter of a case that chose 在线获取 or 电子邮件 is ever returned.

-- The agencies and their 申请须知 (settings key online_notice, a JSON string).
CREATE FUNCTION dd_web_agencies() RETURNS TABLE (code text, name text, notice text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT a.code::text, a.name::text,
           coalesce((SELECT s.value::jsonb #>> '{}' FROM public.settings s
                     WHERE s.agency_id = a.id AND s.key = 'online_notice'), '')
    FROM public.agencies a ORDER BY a.code
$fn$;

-- A throttle counter (app/services/online/rules.py gives the limits): seconds still blocked, 0 = go on.
CREATE FUNCTION dd_web_throttle(p_scope text, p_key text, p_hits integer, p_window integer, p_base integer,
    p_most integer, p_count boolean) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_now timestamp := localtimestamp;
    r public.online_throttle%ROWTYPE;
    v_block integer;
BEGIN
    IF p_scope NOT IN ('code', 'addr', 'submit') OR length(p_key) > 64 THEN
        RAISE EXCEPTION 'unknown throttle' USING ERRCODE = '22023';
    END IF;
    IF p_count THEN
        INSERT INTO public.online_throttle (scope, key_hash, hits, window_start, strikes)
        VALUES (p_scope, p_key, 0, v_now, 0) ON CONFLICT DO NOTHING;
    END IF;
    SELECT * INTO r FROM public.online_throttle WHERE scope = p_scope AND key_hash = p_key FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    IF r.blocked_until IS NOT NULL AND r.blocked_until > v_now THEN
        RETURN greatest(1, ceil(extract(epoch FROM r.blocked_until - v_now))::integer);
    END IF;
    IF NOT p_count THEN
        RETURN 0;
    END IF;
    IF r.window_start + make_interval(secs => p_window) <= v_now THEN
        r.hits := 0; r.window_start := v_now;
    END IF;
    r.hits := r.hits + 1;
    IF r.hits <= p_hits THEN
        UPDATE public.online_throttle SET hits = r.hits, window_start = r.window_start
        WHERE scope = p_scope AND key_hash = p_key;
        RETURN 0;
    END IF;
    v_block := least(p_base * power(2, r.strikes)::integer, p_most);
    UPDATE public.online_throttle SET hits = 0, window_start = v_now, strikes = r.strikes + 1,
        blocked_until = v_now + make_interval(secs => v_block)
    WHERE scope = p_scope AND key_hash = p_key;
    RETURN v_block;
END
$fn$;

-- The submission: a 待确认 网络 request in the named agency (none named: the only one), its hashes and files.
CREATE FUNCTION dd_web_submit(p_agency text, p_values jsonb, p_hashes jsonb, p_names text[], p_data bytea[],
    p_sums text[]) RETURNS TABLE (request_id integer, agency_name text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_agency public.agencies%ROWTYPE;
    v_now timestamp := localtimestamp;
    v_id integer;
    i integer;
BEGIN
    IF coalesce(p_agency, '') = '' THEN
        SELECT * INTO v_agency FROM public.agencies WHERE (SELECT count(*) FROM public.agencies) = 1;
    ELSE
        SELECT * INTO v_agency FROM public.agencies WHERE code = p_agency;
    END IF;
    IF v_agency.id IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO public.requests (agency_id, number, version, status, channel, applicant_type, applicant_name,
        id_type, id_number, phone, address, postcode, email, description, requested_form, delivery, notes,
        arrival_date, decision, decision_reasons, handling_opinion, decision_source, reply_doc_number,
        withheld_ground, query_law, access_route, collection_place, collection_hours, service_method,
        override_reason, due_provisional, created_at, created_by, updated_at)
    VALUES (v_agency.id, '网上待确认-' || left(p_hashes->>'code_hash', 12), 1, '待确认', '网络',
        p_values->>'applicant_type', p_values->>'applicant_name', p_values->>'id_type', p_values->>'id_number',
        p_values->>'phone', p_values->>'address', p_values->>'postcode', p_values->>'email',
        p_values->>'description', p_values->>'requested_form', p_values->>'delivery', p_values->>'notes',
        v_now::date, '', '', '', '', '', '', '', '', '', '', '', '', false, v_now, 'online', v_now)
    RETURNING id INTO v_id;
    INSERT INTO public.online_submissions (agency_id, request_id, code_hash, phone4_hash, id4_hash, client_hash,
        text_hash, submitted_at, refused_reason)
    VALUES (v_agency.id, v_id, p_hashes->>'code_hash', p_hashes->>'phone4_hash', p_hashes->>'id4_hash',
        p_hashes->>'client_hash', p_hashes->>'text_hash', v_now, '');
    FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
        INSERT INTO public.attachments (agency_id, request_id, filename, kind, size, sha256, content, added_at, added_by)
        VALUES (v_agency.id, v_id, p_names[i], '网上申请材料', length(p_data[i]), p_sums[i], p_data[i], v_now, 'online');
    END LOOP;
    PERFORM dd_private.chain_append_to(v_agency.id, 'online', '网上申请平台', v_id, '网上申请', '状态', '', '待确认',
                                       '申请人在线提交，待登记员确认');
    request_id := v_id; agency_name := v_agency.name;
    RETURN NEXT;
END
$fn$;

-- The case behind a hashed code and hashed last-4 digits (phone or ID), or NULL.
CREATE FUNCTION dd_private.web_case(p_code text, p_last4 text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT request_id FROM public.online_submissions
    WHERE code_hash = p_code AND coalesce(p_last4, '') <> '' AND p_last4 IN (phone4_hash, id4_hash)
$fn$;

-- The documents offered online to a case: signed, current 补正/延期/答复 letters, when 在线获取 or 电子邮件.
CREATE FUNCTION dd_private.web_documents(p_request integer) RETURNS SETOF public.letters
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT l.* FROM public.letters l JOIN public.requests r ON r.id = l.request_id
    WHERE l.request_id = p_request AND r.delivery IN ('在线获取', '电子邮件') AND l.state = '已签发'
      AND l.superseded_by IS NULL AND l.pdf IS NOT NULL
      AND l.kind IN ('补正申请告知书', '延长答复期限告知书', '政府信息公开申请答复书')
    ORDER BY l.id
$fn$;

-- The public facts of one case (the JSON store_python.public_facts builds): no opinion, no staff name,
-- no other party's data (consultations give their dates only).
CREATE FUNCTION dd_web_status(p_code text, p_last4 text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_id integer := dd_private.web_case(p_code, p_last4);
    r public.requests%ROWTYPE;
    s public.online_submissions%ROWTYPE;
BEGIN
    IF v_id IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO r FROM public.requests WHERE id = v_id;
    SELECT * INTO s FROM public.online_submissions WHERE request_id = v_id;
    RETURN jsonb_build_object(
        'agency_name', (SELECT name FROM public.agencies WHERE id = r.agency_id),
        'status', r.status, 'submitted_at', to_char(s.submitted_at, 'YYYY-MM-DD'),
        'refused', s.refused_at IS NOT NULL,
        'receipt_date', to_char(r.receipt_date, 'YYYY-MM-DD'), 'reply_due', to_char(r.reply_due, 'YYYY-MM-DD'),
        'due_provisional', r.due_provisional, 'reply_date', to_char(r.reply_date, 'YYYY-MM-DD'),
        'corrections', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'id', c.id, 'requested_on', to_char(c.requested_on, 'YYYY-MM-DD'),
                'served_on', to_char(c.notice_served_on, 'YYYY-MM-DD'),
                'received_on', to_char(c.received_on, 'YYYY-MM-DD'), 'period_days', c.period_days,
                'content', c.content,
                'answered', EXISTS (SELECT 1 FROM public.online_answers a WHERE a.correction_id = c.id))
                ORDER BY c.id) FROM public.corrections c WHERE c.request_id = v_id), '[]'::jsonb),
        'consultations', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'sent_on', to_char(c.sent_on, 'YYYY-MM-DD'), 'answered_on', to_char(c.answered_on, 'YYYY-MM-DD'))
                ORDER BY c.id) FROM public.consultations c WHERE c.request_id = v_id), '[]'::jsonb),
        'extensions', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'approved_on', to_char(x.approved_on, 'YYYY-MM-DD'), 'days', x.days)
                ORDER BY x.id) FROM public.extensions x WHERE x.request_id = v_id), '[]'::jsonb),
        'documents', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'id', l.id, 'kind', l.kind, 'doc_number', l.doc_number,
                'issued_on', to_char(l.signed_at, 'YYYY-MM-DD'),
                'fetched', EXISTS (SELECT 1 FROM public.online_fetches f WHERE f.letter_id = l.id))
                ORDER BY l.id) FROM dd_private.web_documents(v_id) l), '[]'::jsonb),
        'calendar', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'day', to_char(d.day, 'YYYY-MM-DD'), 'is_workday', d.is_workday))
                FROM public.calendar_days d), '[]'::jsonb));
END
$fn$;

-- The applicant's answer to the open 补正: 'ok', 'notfound', 'none' (nothing asked) or 'answered'.
CREATE FUNCTION dd_web_answer(p_code text, p_last4 text, p_text text, p_names text[], p_data bytea[],
    p_sums text[]) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_id integer := dd_private.web_case(p_code, p_last4);
    v_now timestamp := localtimestamp;
    r public.requests%ROWTYPE;
    c public.corrections%ROWTYPE;
    v_answer integer;
    i integer;
BEGIN
    IF v_id IS NULL THEN
        RETURN 'notfound';
    END IF;
    SELECT * INTO r FROM public.requests WHERE id = v_id FOR UPDATE;
    SELECT * INTO c FROM public.corrections WHERE request_id = v_id ORDER BY id DESC LIMIT 1;
    IF c.id IS NULL OR c.received_on IS NOT NULL OR r.status <> '待补正' THEN
        RETURN 'none';
    END IF;
    IF EXISTS (SELECT 1 FROM public.online_answers WHERE correction_id = c.id) THEN
        RETURN 'answered';
    END IF;
    INSERT INTO public.online_answers (agency_id, request_id, correction_id, text, answered_at, accepted_by)
    VALUES (r.agency_id, v_id, c.id, p_text, v_now, '') RETURNING id INTO v_answer;
    FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
        INSERT INTO public.attachments (agency_id, request_id, filename, kind, size, sha256, content, added_at, added_by)
        VALUES (r.agency_id, v_id, p_names[i], '网上补正材料', length(p_data[i]), p_sums[i], p_data[i], v_now,
                'answer:' || v_answer);
    END LOOP;
    PERFORM dd_private.chain_append_to(r.agency_id, 'online', '网上申请平台', v_id, '网上补正', '补正答复', '',
        format('待接收（附件%s个）', coalesce(array_length(p_names, 1), 0)), '申请人在线提交补正');
    RETURN 'ok';
END
$fn$;

-- A document offered online; its first download is its 电子送达 that day (the same facts the desk
-- records by hand: the letter's 送达, the 补正 notice's 送达日期, the reply's 送达日期), audited.
CREATE FUNCTION dd_web_fetch(p_code text, p_last4 text, p_letter integer)
RETURNS TABLE (outcome text, kind text, doc_number text, pdf bytea)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_id integer := dd_private.web_case(p_code, p_last4);
    v_today date := localtimestamp::date;
    l public.letters%ROWTYPE;
    r public.requests%ROWTYPE;
BEGIN
    IF v_id IS NULL THEN
        outcome := 'notfound'; RETURN NEXT; RETURN;
    END IF;
    SELECT * INTO l FROM dd_private.web_documents(v_id) d WHERE d.id = p_letter;
    IF l.id IS NULL THEN
        outcome := 'forbidden'; RETURN NEXT; RETURN;
    END IF;
    INSERT INTO public.online_fetches (agency_id, letter_id, request_id, fetched_at)
    VALUES (l.agency_id, l.id, v_id, localtimestamp) ON CONFLICT DO NOTHING;
    IF FOUND THEN
        SELECT * INTO r FROM public.requests WHERE id = v_id FOR UPDATE;
        UPDATE public.letters SET served_on = v_today, served_method = '电子送达'
        WHERE id = l.id AND served_on IS NULL;
        IF l.kind = '补正申请告知书' THEN
            UPDATE public.corrections SET notice_served_on = v_today WHERE id = (
                SELECT id FROM public.corrections WHERE request_id = v_id AND notice_served_on IS NULL
                  AND requested_on <= v_today ORDER BY id DESC LIMIT 1);
        END IF;
        IF l.kind = '政府信息公开申请答复书' AND r.reply_doc_number = l.doc_number
           AND r.service_method IN ('', '电子送达') THEN
            UPDATE public.requests SET service_method = '电子送达', service_date = v_today WHERE id = v_id;
        END IF;
        PERFORM dd_private.chain_append_to(l.agency_id, 'online', '网上申请平台', v_id, '送达',
            format('%s（%s）', l.kind, l.doc_number), '', format('电子送达（在线获取，%s）', to_char(v_today, 'YYYY-MM-DD')),
            '申请人首次在线下载');
    END IF;
    outcome := 'ok'; kind := l.kind; doc_number := l.doc_number; pdf := l.pdf;
    RETURN NEXT;
END
$fn$;

REVOKE ALL ON FUNCTION dd_web_agencies(), dd_web_throttle(text, text, integer, integer, integer, integer, boolean),
    dd_web_submit(text, jsonb, jsonb, text[], bytea[], text[]), dd_web_status(text, text),
    dd_web_answer(text, text, text, text[], bytea[], text[]), dd_web_fetch(text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION dd_private.web_case(text, text), dd_private.web_documents(integer) FROM PUBLIC;
