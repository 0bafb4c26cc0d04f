"""Service tests of case work: registration, workflow actions, authority, 协办/会商/督办."""
