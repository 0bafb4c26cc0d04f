"""The city office's annual summary (汇总) from the shared server's agencies and from exchange files."""
