"""The one exception type the CLI turns into a one-line message."""


class KgError(Exception):
    """A user-facing error: bad input, unknown name, unusable store.

    The message must be a single line that says what was wrong and, where it
    helps, what would be valid. The CLI prints it and exits non-zero.
    """

    exit_code = 1


class UsageError(KgError):
    """The command was given the wrong number or form of arguments (exit 2, as click's own usage errors)."""

    exit_code = 2


class StoreInUseError(KgError):
    """Another process holds the embedded store's write lock."""

    exit_code = 3
