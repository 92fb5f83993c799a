"""Code shape (docs/architecture.md): no module in kg/ over 600 lines and no
function over 80, unless a `# size: <why>` comment at its top says why it must
be longer (for a module: before its first statement after the docstring; for a
function: between its `def` and its first statement after the docstring)."""

import ast
import pathlib

import pytest

KG = pathlib.Path(__file__).resolve().parent.parent / "kg"
MAX_MODULE, MAX_FUNCTION = 600, 80
FILES = sorted(KG.rglob("*.py"))


def _explained(lines: list[str], first: int, last: int) -> bool:
    """A `# size:` comment with a reason on lines first..last (1-based, inclusive)."""
    return any(
        line.strip().startswith("# size:") and line.strip()[len("# size:") :].strip()
        for line in lines[first - 1 : last]
    )


def _body_start(node) -> int:
    """The line of the first statement after the docstring (or the last line of a docstring-only body)."""
    body = node.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(getattr(body[0], "value", None), ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return body[1].lineno if len(body) > 1 else body[0].end_lineno
    return body[0].lineno if body else node.lineno


def oversized(path: pathlib.Path) -> list[str]:
    text = path.read_text("utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    out = []
    if len(lines) > MAX_MODULE and not _explained(lines, 1, _body_start(tree)):
        out.append(f"{path}: {len(lines)} lines (> {MAX_MODULE})")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            if n > MAX_FUNCTION and not _explained(lines, node.lineno, _body_start(node)):
                out.append(f"{path}:{node.lineno} {node.name}: {n} lines (> {MAX_FUNCTION})")
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(KG)))
def test_modules_and_functions_are_small(path):
    assert oversized(path) == []


def test_the_check_catches_a_long_function_and_honours_a_reason(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION))
    plain = tmp_path / "plain.py"
    plain.write_text(f'def f():\n    """Doc."""\n{body}\n')
    assert len(oversized(plain)) == 1
    reasoned = tmp_path / "reasoned.py"
    reasoned.write_text(f'def f():\n    """Doc."""\n    # size: a table of cases read in order\n{body}\n')
    assert oversized(reasoned) == []
    empty_reason = tmp_path / "empty.py"
    empty_reason.write_text(f"def f():\n    # size:\n{body}\n")
    assert len(oversized(empty_reason)) == 1
