"""Generate the logic mutants of one Python module by splicing small AST changes into its source text."""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, replace

CMP_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
BIN_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
            ast.Div: ast.Mult}
BOOL_SWAP = {ast.And: ast.Or, ast.Or: ast.And}
SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
          ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+",
          ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/", ast.And: "and", ast.Or: "or"}
LOG_NAMES = {"log", "logger", "logging", "_log", "LOG", "_logger"}
REMOVABLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.Raise, ast.Continue, ast.Break, ast.If,
             ast.Return, ast.Delete)


@dataclass(frozen=True)
class Mutant:
    """One change: where, what, and the whole mutated source."""

    module: str
    scope: str
    line: int
    col: int
    operator: str
    original: str
    replacement: str
    line_hash: str
    source: str
    before: str
    after: str
    occurrence: int = 0     # n-th identical change on an identical line of the same scope (usually 0)

    @property
    def mid(self) -> str:
        """Stable id: scope, position, operator, change and a hash of the original line."""
        dup = f"~{self.occurrence}" if self.occurrence else ""
        return (f"{self.module} {self.scope}:{self.line}:{self.col}:{self.operator}:"
                f"{self.original}→{self.replacement}#{self.line_hash}{dup}")

    @property
    def key(self) -> tuple:
        """What identifies the mutant across edits elsewhere in the file (the line number may move)."""
        return (self.module, self.scope, self.col, self.operator, self.original, self.replacement,
                self.line_hash, self.occurrence)


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def _is_log_call(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return False
    func = node.value.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in LOG_NAMES


def _skipped_subtrees(tree: ast.Module) -> set[int]:
    """Ids of nodes whose insides are never mutated: annotations, f-strings, messages, decorators."""
    skip: set[int] = set()

    def mark(n: ast.AST | None) -> None:
        if n is not None:
            skip.update(id(x) for x in ast.walk(n))

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
            for a in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs,
                      node.args.vararg, node.args.kwarg]:
                if a is not None:
                    mark(a.annotation)
            for d in node.decorator_list:
                mark(d)
        elif isinstance(node, ast.ClassDef):
            for d in node.decorator_list:
                mark(d)
        elif isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        elif isinstance(node, ast.JoinedStr):
            mark(node)
        elif isinstance(node, ast.Raise):
            mark(node.exc)
            mark(node.cause)
        elif _is_log_call(node):
            mark(node)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            mark(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mark(node)
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            mark(node)
    return skip


def _is_type_checking(test: ast.AST) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Scopes(ast.NodeVisitor):
    """Map each node id to its enclosing function/class qualname."""

    def __init__(self) -> None:
        self.scope_of: dict[int, str] = {}
        self.stack: list[str] = []

    def generic_visit(self, node: ast.AST) -> None:
        self.scope_of[id(node)] = ".".join(self.stack) or "<module>"
        named = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        if named:
            self.stack.append(node.name)
        super().generic_visit(node)
        if named:
            self.stack.pop()


class _Text:
    """Source text with splice-by-position and a readable before/after of the touched lines."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines(keepends=True)

    def _offset(self, line: int, col: int) -> int:
        prefix = "".join(self.lines[: line - 1])
        # ast columns are UTF-8 byte offsets
        return len(prefix) + len(self.lines[line - 1].encode()[:col].decode())

    def splice(self, node: ast.AST, text: str) -> tuple[str, str, str]:
        src = "".join(self.lines)
        a = self._offset(node.lineno, node.col_offset)
        b = self._offset(node.end_lineno, node.end_col_offset)
        new = src[:a] + text + src[b:]
        first = len("".join(self.lines[: node.lineno - 1]))
        last = len("".join(self.lines[: node.end_lineno]))
        before = src[first:last].rstrip("\n")
        after = (src[first:a] + text + src[b:last]).rstrip("\n")
        return new, before, after


def _expr_changes(node: ast.AST):
    """(operator, original, replacement, new node) for one expression node."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            swap = CMP_SWAP.get(type(op))
            if swap:
                ops = list(node.ops)
                ops[i] = swap()
                yield "cmp", SYMBOL[type(op)], SYMBOL[swap], ast.Compare(node.left, ops, node.comparators)
    elif isinstance(node, ast.BinOp) and type(node.op) in BIN_SWAP:
        swap = BIN_SWAP[type(node.op)]
        yield "arith", SYMBOL[type(node.op)], SYMBOL[swap], ast.BinOp(node.left, swap(), node.right)
    elif isinstance(node, ast.BoolOp):
        swap = BOOL_SWAP[type(node.op)]
        yield "bool", SYMBOL[type(node.op)], SYMBOL[swap], ast.BoolOp(swap(), node.values)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not", "not", "", node.operand
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield "const", repr(node.value), repr(not node.value), ast.Constant(not node.value)
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        for delta in (1, -1):
            yield "const", repr(node.value), repr(node.value + delta), ast.Constant(node.value + delta)


def _removable(node: ast.AST, scope: str, docstring: bool) -> bool:
    if not isinstance(node, REMOVABLE) or scope == "<module>" or docstring or _is_log_call(node):
        return False
    if isinstance(node, ast.Assign):
        # removing a first binding only raises NameError; removing a side effect or a rebinding is logic
        return any(not isinstance(t, ast.Name) for t in node.targets)
    return True


def _compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec")
    except SyntaxError:
        return False
    return True


def generate(source: str, module: str) -> list[Mutant]:
    """All logic mutants of `source`, in source order."""
    tree = ast.parse(source)
    skip = _skipped_subtrees(tree)
    scopes = _Scopes()
    scopes.visit(tree)
    text = _Text(source)
    lines = source.splitlines()
    docstrings = {id(b[0]) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  for b in [n.body] if b and _is_docstring(b[0], n)}
    out: list[Mutant] = []

    def add(node: ast.AST, op: str, orig: str, repl: str, text_new: str) -> None:
        new, before, after = text.splice(node, text_new)
        line_hash = hashlib.sha1(lines[node.lineno - 1].strip().encode()).hexdigest()[:8]
        out.append(Mutant(module, scopes.scope_of.get(id(node), "<module>"), node.lineno,
                          node.col_offset, op, orig, repl, line_hash, new, before, after))

    for node in ast.walk(tree):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        scope = scopes.scope_of.get(id(node), "<module>")
        if isinstance(node, ast.expr):
            for op, orig, repl, new_node in _expr_changes(node):
                add(node, op, orig, repl, f"({ast.unparse(new_node)})")
        if isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value in (None, True, False)):
            add(node.value, "return", "value", "None", "None")
        elif_branch = isinstance(node, ast.If) and lines[node.lineno - 1][node.col_offset:].startswith("elif")
        if isinstance(node, ast.stmt) and not elif_branch and _removable(
                node, scope, id(node) in docstrings):
            add(node, "remove", type(node).__name__, "pass", "pass")
    out = [m for m in out if _compiles(m.source)]
    out.sort(key=lambda m: (m.line, m.col, m.operator, m.replacement))
    seen: dict[tuple, int] = {}
    for i, m in enumerate(out):
        n = seen.get(m.key, 0)
        seen[m.key] = n + 1
        if n:
            out[i] = replace(m, occurrence=n)
    return out
