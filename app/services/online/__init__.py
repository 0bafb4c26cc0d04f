"""The public online service (issue 23): submissions, status, 补正 answers and documents over the web,
and the desk's side of them (待确认 list, confirmation, accepting online 补正, 未查收 documents, floods)."""
