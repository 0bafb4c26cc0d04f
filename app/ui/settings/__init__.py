"""管理 page: office settings, 流程, departments, users, the holiday calendar, 审计核验."""
