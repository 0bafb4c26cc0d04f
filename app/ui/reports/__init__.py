"""The annual report screen, 数据分析 and its charts, the review register and 依申请转主动公开."""
