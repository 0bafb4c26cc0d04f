"""Letters and notices: building, issuing and signing them, their facts, and the legal gates they pass."""
