"""join-city: a bureau's own SQLite database becomes a new agency on the city's PostgreSQL server.

source.py reads the bureau's file (an upgraded copy, its chain verified), rows.py copies every agency
row under new ids, proof.py shows nothing changed on the way, service.py runs it in one transaction.
How the audit evidence survives the new ids: app/services/trust/audit_joins.py.
"""
