"""台账 import and export: reading, mapping, planning, applying and reporting a ledger."""
