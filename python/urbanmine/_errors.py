# SPDX-License-Identifier: Apache-2.0
"""Exceptions of the urbanmine package: the engine's errors, with the CLI's categories.

Every error carries ``message`` (what is wrong), ``location`` (file and row, key, or JSON path),
``hint`` (what to do), ``code`` (the engine's error code, e.g. ``invalid_input``) and
``exit_code`` (what the ``urbanmine`` CLI would exit with: 3 invalid input, 4 I/O, 5 internal).
"""


class UrbanmineError(Exception):
    """An error reported by the urbanmine engine."""

    def __init__(self, message, location="", hint="", code="internal", exit_code=5):
        self.message = message
        self.location = location
        self.hint = hint
        self.code = code
        self.exit_code = exit_code
        text = f"{location}: {message}" if location else message
        if hint:
            text += f" (hint: {hint})"
        super().__init__(text)


class InvalidInputError(UrbanmineError, ValueError):
    """Malformed or out-of-range input (CLI exit code 3)."""


class NotFoundError(UrbanmineError, LookupError):
    """A named file, table or id does not exist."""


class ConflictError(UrbanmineError):
    """The request contradicts existing state."""


class IoError(UrbanmineError, OSError):
    """A file system or database failure (CLI exit code 4)."""


class InfeasibleError(UrbanmineError):
    """A problem with no solution (a model result, not a bug)."""


class InternalError(UrbanmineError):
    """A bug in urbanmine (CLI exit code 5)."""


_BY_CODE = {
    "invalid_input": InvalidInputError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "io": IoError,
    "infeasible": InfeasibleError,
    "internal": InternalError,
}


def make_error(code, message, location, hint, exit_code):
    """The exception for an engine error (called by the compiled module)."""
    cls = _BY_CODE.get(code, UrbanmineError)
    return cls(message, location=location, hint=hint, code=code, exit_code=exit_code)
