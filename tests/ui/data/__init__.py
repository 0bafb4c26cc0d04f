"""Widget tests of the 数据 page: 台账 import/export, backup and restore."""
