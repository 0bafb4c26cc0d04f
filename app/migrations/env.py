"""Alembic environment: runs against the engine the app hands over (SQLite in batch mode)."""

from alembic import context

from app.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # command-line use: alembic -x url=sqlite:///path upgrade head
    from app.services.database import make_engine

    engine = make_engine(context.get_x_argument(as_dictionary=True)["url"])


def _foreign_keys(connection, on: bool) -> None:
    """SQLite: foreign keys off while batch mode rebuilds a table that others refer to (dropping the old
    copy would otherwise cascade to its children), as SQLite's own procedure for schema changes says;
    the pragma works only outside a transaction, so it goes straight to the driver."""
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


with engine.connect() as connection:
    _foreign_keys(connection, False)
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows whose reference is missing: {broken[:5]}")
        connection.commit()
    finally:
        _foreign_keys(connection, True)
