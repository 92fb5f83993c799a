"""How every command fails: KgError -> one line on stderr and its exit code
(1 failure, 2 usage, 3 store in use), never a traceback."""

from __future__ import annotations

import os
import sys
from functools import wraps

import click

from .errors import KgError


def fail(msg: str, code: int = 1):
    click.echo(f"Error: {msg}", err=True)
    sys.exit(code)


def handle_errors(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            fail(" ".join(str(exc).split()), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: still one line; KG_DEBUG=1 shows the traceback
            if os.environ.get("KG_DEBUG"):
                raise
            fail(
                f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]} (set KG_DEBUG=1 for details)",
                70,
            )

    return wrapper
