"""Service tests of the annual report, the review register, 数据分析 and 依申请转主动公开."""
