-- PostgreSQL only (revision i21_pg_sessions): server-side log-in, sessions and audit appends.
-- The private schema holds what no workstation role may read or write: password verifiers, sessions,
-- the server's secret, and the internal append. dd_app and dd_admin get no USAGE on it, so even a
-- "GRANT ... ON ALL TABLES IN SCHEMA public" cannot reach it. The public functions are SECURITY DEFINER:
-- they run as the owner, check the caller's session themselves and take the time and the previous hash
-- themselves. The migration runs this file as one script (no parameters are bound in it).

CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA dd_private;
REVOKE ALL ON SCHEMA dd_private FROM PUBLIC;

-- A password verifier: the workstation computes scrypt(password, salt) (params = scrypt$N$r$p$salt,
-- handed out by dd_login_params); the server keeps only crypt(that digest, bf) and compares.
CREATE TABLE dd_private.credentials (
    user_id integer PRIMARY KEY REFERENCES public.users (id),
    params varchar(120) NOT NULL,
    verifier varchar(100) NOT NULL
);
-- A log-in session: only the SHA-256 of its token is kept, so not even the owner can replay one.
CREATE TABLE dd_private.sessions (
    token_hash char(64) PRIMARY KEY,
    user_id integer NOT NULL REFERENCES public.users (id),
    origin varchar(200) NOT NULL,
    started_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz
);
-- A random key: unknown user names get stable, made-up salts (HMAC of the name), like real ones.
CREATE TABLE dd_private.secret (
    id integer PRIMARY KEY CHECK (id = 1),
    secret bytea NOT NULL
);
INSERT INTO dd_private.secret VALUES (1, gen_random_bytes(32));

-- The chain's link, byte for byte as app/services/trust/audit_chain.py computes it: SHA-256 of the previous
-- hash followed by the JSON list [id, request_id, at, actor, host, kind, field, old, new, reason]
-- (compact, UTF-8, non-ASCII unescaped; to_json escapes exactly as Python's json.dumps does).
CREATE FUNCTION dd_private.event_hash(previous text, e_id integer, e_request_id integer, e_at timestamp,
    e_actor text, e_host text, e_kind text, e_field text, e_old text, e_new text, e_reason text)
RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT encode(digest(previous || '[' || e_id::text || ',' || coalesce(e_request_id::text, 'null')
        || ',' || to_json(to_char(e_at, 'YYYY-MM-DD HH24:MI:SS.US'))::text
        || ',' || to_json(coalesce(e_actor, ''))::text || ',' || to_json(coalesce(e_host, ''))::text
        || ',' || to_json(coalesce(e_kind, ''))::text || ',' || to_json(coalesce(e_field, ''))::text
        || ',' || to_json(coalesce(e_old, ''))::text || ',' || to_json(coalesce(e_new, ''))::text
        || ',' || to_json(coalesce(e_reason, ''))::text || ']', 'sha256'), 'hex')
$fn$;

-- The one way into the events table: locks the head, takes the server's clock, chains, moves the head.
CREATE FUNCTION dd_private.chain_append(p_actor text, p_host text, p_request_id integer, p_kind text,
    p_field text, p_old text, p_new text, p_reason text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp SET TimeZone FROM CURRENT AS $fn$
DECLARE
    v_id integer;
    v_hash text;
    v_count integer;
    v_at timestamp;
BEGIN
    SELECT last_id, last_hash, count INTO v_id, v_hash, v_count FROM public.audit_head WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO public.audit_head (id, last_id, last_hash, count) VALUES (1, 0, repeat('0', 64), 0);
        v_id := 0; v_hash := repeat('0', 64); v_count := 0;
    END IF;
    v_at := clock_timestamp()::timestamp;
    v_id := v_id + 1;
    v_hash := dd_private.event_hash(v_hash, v_id, p_request_id, v_at, p_actor, coalesce(p_host, ''), p_kind,
                                    coalesce(p_field, ''), coalesce(p_old, ''), coalesce(p_new, ''),
                                    coalesce(p_reason, ''));
    INSERT INTO public.events (id, request_id, at, actor, host, kind, field, old, new, reason, hash)
    VALUES (v_id, p_request_id, v_at, p_actor, coalesce(p_host, ''), p_kind, coalesce(p_field, ''),
            coalesce(p_old, ''), coalesce(p_new, ''), coalesce(p_reason, ''), v_hash);
    UPDATE public.audit_head SET last_id = v_id, last_hash = v_hash, count = v_count + 1 WHERE id = 1;
    RETURN v_id;
END
$fn$;

-- Store a verifier and put a fingerprint of it (not the verifier) in users.password_hash, so the
-- chained 账户核验值 of an account still changes with its password.
CREATE FUNCTION dd_private.store_credential(p_user_id integer, p_params text, p_digest text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_verifier text;
BEGIN
    IF p_params !~ '^scrypt[$][0-9]{1,7}[$][0-9]{1,2}[$][0-9]{1,2}[$][0-9a-f]{32}$' OR p_digest !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = '密码校验参数格式不正确。';
    END IF;
    v_verifier := crypt(p_digest, gen_salt('bf', 8));
    INSERT INTO dd_private.credentials (user_id, params, verifier) VALUES (p_user_id, p_params, v_verifier)
    ON CONFLICT (user_id) DO UPDATE SET params = EXCLUDED.params, verifier = EXCLUDED.verifier;
    UPDATE public.users SET password_hash = 'server$' || left(encode(digest(v_verifier, 'sha256'), 'hex'), 32),
                            failed_logins = 0, locked_until = NULL
    WHERE id = p_user_id;
END
$fn$;

-- Who a token belongs to: a session that has neither ended nor expired (and whether its user is still
-- enabled: a disabled user's session acts no more, but the program can say why).
CREATE FUNCTION dd_session_user(p_token text)
RETURNS TABLE (user_id integer, username varchar, origin varchar, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT s.user_id, u.username, s.origin, u.active FROM dd_private.sessions s
    JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = encode(digest(coalesce(p_token, ''), 'sha256'), 'hex')
      AND s.ended_at IS NULL AND s.expires_at > now()
$fn$;

-- Append one audit event in the name of the token's user, from the session's workstation.
CREATE FUNCTION dd_append(p_token text, p_request_id integer, p_kind text, p_field text, p_old text,
    p_new text, p_reason text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    who record;
BEGIN
    SELECT * INTO who FROM dd_session_user(p_token);
    IF NOT FOUND OR NOT who.active THEN
        RAISE EXCEPTION USING ERRCODE = 'DD401', MESSAGE = '未登录或登录已失效，不能记录审计。';
    END IF;
    RETURN dd_private.chain_append(who.username, left(who.origin, 120), p_request_id, p_kind, p_field,
                                   p_old, p_new, p_reason);
END
$fn$;

-- Take the chain's lock early in a transaction (a ledger import), without the right to UPDATE the head.
CREATE FUNCTION dd_lock_chain() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    PERFORM 1 FROM public.audit_head WHERE id = 1 FOR UPDATE;
END
$fn$;

-- The scrypt parameters and salt to pre-hash a password with; a made-up, stable salt for unknown names.
CREATE FUNCTION dd_login_params(p_name text, p_default text)
RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    SELECT coalesce(
        (SELECT c.params FROM dd_private.credentials c JOIN public.users u ON u.id = c.user_id
         WHERE u.username = p_name),
        (CASE WHEN p_default ~ '^scrypt[$][0-9]{1,7}[$][0-9]{1,2}[$][0-9]{1,2}$' THEN p_default
              ELSE 'scrypt$131072$8$1' END)
        || '$' || encode(substring(hmac(convert_to(coalesce(p_name, ''), 'UTF8'),
                                        (SELECT secret FROM dd_private.secret WHERE id = 1), 'sha256')
                                   FROM 1 FOR 16), 'hex'))
$fn$;

-- Log in: the password's scrypt pre-hash is checked here, never on the workstation. Failures are counted
-- per typed name and workstation exactly as app/services/trust/login_failures.py does (five in a row lock the
-- name there for 15 minutes, on the workstation's clock p_now) and audited here, for real and unknown
-- names alike. Success ends the failures, opens a session (12 hours) and audits 登录.
CREATE FUNCTION dd_login(p_name text, p_digest text, p_origin text, p_now timestamp)
RETURNS TABLE (token text, failures integer, locked_until timestamp)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
#variable_conflict use_column
DECLARE
    v_name text := left(coalesce(p_name, ''), 50);
    v_origin text := left(coalesce(p_origin, ''), 200);
    v_user record;
    v_verifier text;
    v_row record;
    v_locked boolean := false;
    v_ok boolean;
    v_failures integer := 0;
    v_until timestamp;
    v_token text;
BEGIN
    SELECT f.failures, f.locked_until INTO v_row FROM public.login_failures f
    WHERE f.name = v_name AND f.origin = v_origin FOR UPDATE;
    IF FOUND THEN
        v_failures := v_row.failures;
        v_until := v_row.locked_until;
        v_locked := v_until IS NOT NULL AND v_until > p_now;
    END IF;
    SELECT u.id, u.username, u.active INTO v_user FROM public.users u WHERE u.username = p_name;
    SELECT c.verifier INTO v_verifier FROM dd_private.credentials c WHERE c.user_id = v_user.id;
    IF v_verifier IS NULL THEN
        PERFORM crypt(coalesce(p_digest, ''), gen_salt('bf', 8));      -- an unknown name costs the same
        v_ok := false;
    ELSE
        v_ok := crypt(coalesce(p_digest, ''), v_verifier) = v_verifier AND v_user.active AND NOT v_locked;
    END IF;
    IF NOT v_ok THEN
        IF v_until IS NOT NULL AND NOT v_locked THEN
            v_failures := 0; v_until := NULL;                 -- an expired lockout starts the count afresh
        END IF;
        v_failures := v_failures + 1;
        IF NOT v_locked AND v_failures >= 5 THEN
            v_until := p_now + interval '15 minutes';
        END IF;
        INSERT INTO public.login_failures (name, origin, failures, locked_until)
        VALUES (v_name, v_origin, v_failures, v_until)
        ON CONFLICT (name, origin) DO UPDATE SET failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until;
        PERFORM dd_private.chain_append(coalesce(nullif(v_name, ''), '（空）'), left(v_origin, 120), NULL,
            '登录失败', '用户名', '', v_name,
            (CASE WHEN v_locked THEN '账户锁定期间尝试登录' WHEN v_user.id IS NOT NULL THEN '密码不正确'
                  ELSE '用户名不存在' END) || '；本工作站连续失败' || v_failures || '次');
        RETURN QUERY SELECT NULL::text, v_failures, v_until;
        RETURN;
    END IF;
    DELETE FROM public.login_failures f WHERE f.name = v_name AND f.origin = v_origin;
    UPDATE public.users SET failed_logins = 0, locked_until = NULL WHERE id = v_user.id;
    v_token := encode(gen_random_bytes(32), 'hex');
    INSERT INTO dd_private.sessions (token_hash, user_id, origin, started_at, expires_at)
    VALUES (encode(digest(v_token, 'sha256'), 'hex'), v_user.id, v_origin, now(), now() + interval '12 hours');
    PERFORM dd_private.chain_append(v_user.username, left(v_origin, 120), NULL, '登录', '', '', '', '');
    RETURN QUERY SELECT v_token, 0, NULL::timestamp;
END
$fn$;

-- End a session: its token is refused from now on.
CREATE FUNCTION dd_logout(p_token text) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp AS $fn$
    UPDATE dd_private.sessions SET ended_at = now()
    WHERE token_hash = encode(digest(coalesce(p_token, ''), 'sha256'), 'hex') AND ended_at IS NULL
$fn$;

-- Set a password's verifier: by an active 管理员; by the user themself only with the current password's
-- digest (so a stolen session alone cannot take the account); with no session, only for the very first
-- account of an office that has no verifier yet.
CREATE FUNCTION dd_set_password(p_token text, p_user_id integer, p_params text, p_digest text,
    p_current text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    who record;
    v_role text;
    v_verifier text;
BEGIN
    SELECT * INTO who FROM dd_session_user(p_token);
    IF FOUND AND who.active THEN
        SELECT u.role INTO v_role FROM public.users u WHERE u.id = who.user_id;
        SELECT c.verifier INTO v_verifier FROM dd_private.credentials c WHERE c.user_id = p_user_id;
        IF v_role <> '管理员' AND NOT (who.user_id = p_user_id AND v_verifier IS NOT NULL
                                        AND crypt(coalesce(p_current, ''), v_verifier) = v_verifier) THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '只有管理员或知道原密码的本人可以设置密码。';
        END IF;
    ELSIF FOUND OR EXISTS (SELECT 1 FROM dd_private.credentials) OR (SELECT count(*) FROM public.users) <> 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'DD401', MESSAGE = '未登录或登录已失效，不能设置密码。';
    END IF;
    PERFORM dd_private.store_credential(p_user_id, p_params, p_digest);
END
$fn$;

-- What the app may call; the private schema's functions only the owner.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dd_private FROM PUBLIC;
