"""Services of the provincial exchange and the city summary: thin, over the pure code in ``app/exchange``."""
