"""The city office's window (市政务公开办) and the 督办通知 banner an agency's workbench shows."""
