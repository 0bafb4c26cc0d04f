"""Gates: what must have happened (notice issued, served, answered) before a decision or letter may say so."""
