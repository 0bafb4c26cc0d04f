"""Widget tests of the 管理 page: settings, users, calendar, 审计核验."""
