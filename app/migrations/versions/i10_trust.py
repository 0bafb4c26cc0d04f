"""Trust (issue 10): login lockout columns, the audit hash chain and its head, append-only events, no cascade

Revision ID: i10_trust
Revises: i08_window
"""

from alembic import op
import sqlalchemy as sa


revision = 'i10_trust'
down_revision = 'i08_window'
branch_labels = None
depends_on = None

APPEND_ONLY = "审计记录只能追加，不能修改或删除"
SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END" for verb in ("UPDATE", "DELETE"))
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
END $$"""
PG_TRIGGERS = (
    "CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_append_only()",
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()",
)


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('host', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.drop_constraint('fk_events_request_id_requests', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_events_request_id_requests'), 'requests', ['request_id'], ['id'])
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_constraint('fk_letters_request_id_requests', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_letters_request_id_requests'), 'requests', ['request_id'], ['id'])

    _chain_existing_events()
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)


def _chain_existing_events() -> None:
    """Chain the events recorded before this revision, in id order, and store the head."""
    from app.services.trust.audit_chain import GENESIS, link

    bind = op.get_bind()
    events = sa.table('events', sa.column('at', sa.DateTime()), *(sa.column(c) for c in (
        'id', 'request_id', 'actor', 'host', 'kind', 'field', 'old', 'new', 'reason')))
    previous, last_id, count, batch = GENESIS, 0, 0, []
    update = sa.text("UPDATE events SET hash = :hash WHERE id = :id")
    rows = bind.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    for row in rows:
        previous = link(previous, dict(row))
        last_id, count = row['id'], count + 1
        batch.append({'hash': previous, 'id': row['id']})
        if len(batch) >= 5000:
            bind.execute(update, batch)
            batch = []
    if batch:
        bind.execute(update, batch)
    bind.execute(sa.text("INSERT INTO audit_head (id, last_id, last_hash, count) VALUES (1, :i, :h, :c)"),
                 {'i': last_id, 'h': previous, 'c': count})


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_no_update_delete ON events")
        op.execute("DROP TRIGGER IF EXISTS events_no_truncate ON events")
        op.execute("DROP FUNCTION IF EXISTS events_append_only()")
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_constraint('fk_letters_request_id_requests', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_letters_request_id_requests'), 'requests', ['request_id'], ['id'], ondelete='CASCADE')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint('fk_events_request_id_requests', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_events_request_id_requests'), 'requests', ['request_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_column('hash')
        batch_op.drop_column('host')
    op.drop_table('audit_head')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')
