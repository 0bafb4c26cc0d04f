-- PostgreSQL only (revision city_join): a join record (kind 并入市级系统) carries the id map that the
-- audit verifier trusts for a chain moved in by join-city (app/services/trust/audit_joins.py). Only the
-- owner role writes one, through dd_private.chain_append_to; a workstation's dd_append refuses the kind.
CREATE OR REPLACE FUNCTION dd_append(p_token text, p_request_id integer, p_kind text, p_field text, p_old text,
    p_new text, p_reason text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    who record;
BEGIN
    IF p_kind = '并入市级系统' THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '并入市级系统的记录只能由数据库所有者在并入时写入。';
    END IF;
    SELECT * INTO who FROM dd_session_user(p_token);
    IF NOT FOUND OR NOT who.active THEN
        RAISE EXCEPTION USING ERRCODE = 'DD401', MESSAGE = '未登录或登录已失效，不能记录审计。';
    END IF;
    RETURN dd_private.chain_append(who.username, left(who.origin, 120), p_request_id, p_kind, p_field,
                                   p_old, p_new, p_reason);
END
$fn$;
