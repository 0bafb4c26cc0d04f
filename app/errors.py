"""Domain errors; each message is the Chinese text a clerk should read."""


class DomainError(Exception):
    """Base of every error a user may see."""

    @property
    def message(self) -> str:
        return str(self)


class ValidationError(DomainError):
    """Input is incomplete or wrong; ``field`` names the field when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(DomainError):
    """The record asked for does not exist."""


class InvalidTransition(DomainError):
    """The workflow does not allow this action now, or not for this role."""


class ConflictError(DomainError):
    """Somebody else changed the record since it was loaded."""


class PermissionDenied(DomainError):
    """The user's role does not allow this."""


class FileProblem(DomainError):
    """A file could not be written or read (disk full, read-only, open in another program)."""
