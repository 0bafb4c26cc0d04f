"""Widget tests of the annual report and 数据分析 screens."""
