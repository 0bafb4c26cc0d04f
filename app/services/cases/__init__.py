"""Case work: registration, the workflow actions, authority, 协办/会商/督办, materials and attachments."""
