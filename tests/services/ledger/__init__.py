"""Service tests of 台账 import and export."""
