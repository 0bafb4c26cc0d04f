"""File-type filters for the settings and data screens' file choosers (the choosers are in prompts)."""

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
SQLITE_FILTER = "数据库备份 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"
TEXT_FILTER = "文本文件 (*.txt)"
