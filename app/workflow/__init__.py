"""Pure rules: statuses, transitions, the statutory calendar, deadlines, fees, validation."""
