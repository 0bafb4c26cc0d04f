"""Service tests of the demo office."""
