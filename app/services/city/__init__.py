"""The city office (市政务公开办): supervision across agencies, 督办 notices, the weekly summary, subjects."""
