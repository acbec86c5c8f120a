"""A small, safe expression language for the command line: ``3*(a + b*c)``.

The text is parsed with Python's :mod:`ast` (parsing only: nothing is ever compiled to code,
evaluated or executed) and checked against a whitelist before any Tensor is built:

- numbers (finite, at most :data:`MAX_CONSTANT` in size), variable names;
- the operators ``+ - * / ** @`` and unary minus (and plus);
- calls of the library's functions by name: every function of the op table whose arguments
  are its op's inputs (:func:`functions`: exp, log, tanh, sigmoid, relu, sum, maximum, ... and
  any op declared in ``ops.py``), with its optional arguments as keywords (``axis`` and
  ``keepdims`` of sum, ``slope`` of leaky_relu), whose values must be plain numbers (True/False
  for keepdims).

Everything else is refused with an :class:`ExpressionError` that points at the offending part
(column and a caret under the source): attribute access, subscripts, strings, lambdas,
comprehensions, conditional expressions, comparisons, statements, ``__import__``, unknown
functions, exponents larger than :data:`MAX_EXPONENT` when they are constants, expressions longer
than :data:`MAX_LENGTH` characters or nested deeper than :data:`MAX_DEPTH`. A missing
multiplication sign gets a suggestion: ``3(a+b)``, did you mean ``3*(a+b)``?

Sizes are checked before anything is allocated: the values and every intermediate result
together hold at most :data:`MAX_ENTRIES` numbers (``build(..., max_entries=...)`` changes it),
and the shape of each operation's result is worked out from its operands' shapes first, so
``sum(a*b)`` with a 20000x1 ``a`` and a 1x20000 ``b`` (4 x 10^8 numbers, 3.2 GB) is refused
before the product is computed. (The backward pass then needs about as much again for the
gradients.)

>>> result = build("3*(a + b*c)", {"a": 5, "b": 3, "c": 2})
>>> result.root.item()
33.0
>>> sorted(result.variables)
['a', 'b', 'c']
"""

from __future__ import annotations

import ast
import inspect
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import functions as functions_module
from . import ops
from .checks import is_int
from .errors import AutogradError
from .tensor import Tensor

MAX_LENGTH = 500  #: longest expression accepted, in characters
MAX_DEPTH = 40  #: deepest nesting of operations accepted
MAX_EXPONENT = 100  #: largest |p| accepted in x ** p when p is a constant
MAX_CONSTANT = 1e12  #: largest |number| written in an expression
MAX_ENTRIES = 1_000_000  #: most numbers the values and all results of an expression may hold


def functions() -> dict[str, tuple[Callable[..., Tensor], int, tuple[str, ...]]]:
    """The functions an expression may call, by name: each with how many arguments it takes
    (its op's inputs) and the keyword arguments it accepts (its optional ones).

    They are the functions of the op table (:func:`autograd_nn.functions.public`) whose
    required arguments are exactly their op's inputs, so an op declared in ``ops.py`` is one at
    once; ``clip`` (bounds), ``where`` (a condition) and ``reshape`` (a shape) are not.
    """
    found = {}
    for name, function in functions_module.public().items():
        op = ops.OPS.get(name)
        if op is None or op.variadic or op.operator is not None:  # (matmul is written @)
            continue
        parameters = list(inspect.signature(function).parameters.values())
        required = [p for p in parameters if p.default is p.empty]
        if len(required) == op.inputs and all(
            p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters
        ):
            keywords = tuple(p.name for p in parameters if p.default is not p.empty)
            found[name] = (function, op.inputs, keywords)
    return found


def usage() -> str:
    """The functions an expression may call, as they are called: ``sum(x, axis=, keepdims=)``."""
    return ", ".join(
        f"{name}({', '.join([*'xya'[:count], *[f'{k}=' for k in keywords]])})"
        for name, (_, count, keywords) in functions().items()
    )


_BINARY: dict[type[ast.operator], tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", lambda x, y: x + y),
    ast.Sub: ("-", lambda x, y: x - y),
    ast.Mult: ("*", lambda x, y: x * y),
    ast.Div: ("/", lambda x, y: x / y),
    ast.Pow: ("**", lambda x, y: x**y),
    ast.MatMult: ("@", lambda x, y: x @ y),
}

_REFUSED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a.b)",
    ast.Subscript: "subscripts (a[...])",
    ast.Lambda: "lambda functions",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.IfExp: "conditional expressions (a if b else c)",
    ast.Compare: "comparisons",
    ast.BoolOp: "and/or",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Dict: "dicts",
    ast.Set: "sets",
    ast.JoinedStr: "strings",
    ast.NamedExpr: "assignments (:=)",
    ast.Starred: "starred arguments",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slices",
}


class ExpressionError(AutogradError, ValueError):
    """An expression that the safe language refuses, or values that do not fit it.

    Attributes:
        column: 1-based column of the offending part, or None when it is not one place.
        snippet: the offending source text, or "".
    """

    def __init__(self, message: str, source: str = "", node: ast.AST | None = None) -> None:
        self.column: int | None = None
        self.snippet = ""
        if node is not None and hasattr(node, "col_offset"):
            start = node.col_offset
            end = getattr(node, "end_col_offset", None) or start + 1
            self.column = start + 1
            self.snippet = source[start:end]
            message = (
                f"{message} at column {self.column}: {self.snippet!r}\n"
                f"    {source}\n    {' ' * start}{'^' * max(1, end - start)}"
            )
        super().__init__(message)


@dataclass(frozen=True)
class Built:
    """The result of :func:`build`: the expression's root and the variables it used.

    Attributes:
        root: the Tensor the expression computes (call ``root.backward()`` next).
        variables: the leaf Tensors, by name, in order of first use.
        source: the expression text.
    """

    root: Tensor
    variables: dict[str, Tensor]
    source: str


def parse(source: str) -> ast.Expression:
    """Parse and check ``source`` against the whitelist; return its syntax tree.

    Raises:
        ExpressionError: for anything outside the language, pointing at the offending part.
    """
    if not isinstance(source, str):
        raise ExpressionError(f"expression must be text, got {type(source).__name__}")
    if not source.strip():
        raise ExpressionError("expression is empty")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(source)} characters; at most {MAX_LENGTH})"
        )
    if "\n" in source or "\r" in source:
        raise ExpressionError("expression must be on one line")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = error.offset or 0
        caret = f"\n    {source}\n    {' ' * max(0, column - 1)}^" if column else ""
        candidate = _NUMBER_THEN_NAME.sub(r"\1*\2", source)
        hint = _suggestion(candidate) if candidate != source else ""
        raise ExpressionError(
            f"not a valid expression ({error.msg}) at column {column}{hint}{caret}"
        ) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ExpressionError(f"not a valid expression ({type(error).__name__})") from None
    _check(tree, source)
    return tree


def _check(tree: ast.Expression, source: str) -> None:
    """Walk the tree iteratively; refuse every node outside the whitelist."""
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    known = functions()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError(
                f"expression is nested too deeply (over {MAX_DEPTH})", source, node
            )
        children: list[ast.AST] = []
        if isinstance(node, ast.Constant):
            _check_constant(node, source)
        elif isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise ExpressionError("names starting with '_' are not allowed", source, node)
            if node.id in known:
                raise ExpressionError(
                    f"{node.id} is a function: call it, e.g. {node.id}(x)", source, node
                )
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINARY:
                raise ExpressionError(
                    f"operator {type(node.op).__name__} is not allowed (use + - * / ** @)",
                    source,
                    node,
                )
            if isinstance(node.op, ast.Pow):
                _check_exponent(node.right, source)
            children = [node.left, node.right]
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise ExpressionError(
                    f"operator {type(node.op).__name__} is not allowed (only unary minus)",
                    source,
                    node,
                )
            children = [node.operand]
        elif isinstance(node, ast.Call):
            children = _check_call(node, source)
        else:
            what = _REFUSED.get(type(node), type(node).__name__)
            raise ExpressionError(f"{what} not allowed", source, node)
        stack.extend((child, depth + 1) for child in reversed(children))


def _check_constant(node: ast.Constant, source: str) -> None:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kind = "strings" if isinstance(value, (str, bytes)) else f"{type(value).__name__} values"
        raise ExpressionError(f"{kind} are not allowed (numbers only)", source, node)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or abs(number) > MAX_CONSTANT:
        raise ExpressionError(f"number too large (at most {MAX_CONSTANT:g} in size)", source, node)


def _constant_value(node: ast.AST) -> float | None:
    """The value of a subtree made of numbers only, computed safely; None if it has names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _constant_value(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.BinOp) and type(node.op) in (ast.Add, ast.Sub, ast.Mult, ast.Pow):
        left, right = _constant_value(node.left), _constant_value(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            return math.inf
        try:
            value = _BINARY[type(node.op)][1](left, right)
        except (OverflowError, ZeroDivisionError, ValueError):
            return math.inf
        return float(value.real) if isinstance(value, complex) else float(value)
    return None


def _check_exponent(node: ast.AST, source: str) -> None:
    value = _constant_value(node)
    if value is not None and (not math.isfinite(value) or abs(value) > MAX_EXPONENT):
        raise ExpressionError(f"exponent too large (at most {MAX_EXPONENT} in size)", source, node)


#: A number written against a name, as in ``2a`` (a syntax error): ``2*a`` is suggested.
_NUMBER_THEN_NAME = re.compile(r"(?<![\w.])([0-9]+(?:\.[0-9]*)?)([A-Za-z_])")


def _suggestion(candidate: str) -> str:
    """``; did you mean CANDIDATE?`` when the candidate is a valid expression, else ``""``."""
    try:
        parse(candidate)
    except ExpressionError:
        return ""
    return f"; did you mean {candidate}?"


def _check_call(node: ast.Call, source: str) -> list[ast.AST]:
    func = node.func
    # ``3(a+b)``, ``(a+b)(a-b)``, ``a(b)``: a product without its sign reads as a call
    end = len(source.encode("utf-8")[: func.end_col_offset].decode("utf-8", "replace"))
    opening = source.find("(", end)  # after the callee only ")" and spaces: (a+b)(a-b)
    times = source[:opening] + "*" + source[opening:]
    if not isinstance(func, ast.Name):
        raise ExpressionError(
            f"only the library's functions can be called, by name{_suggestion(times)}",
            source,
            func,
        )
    known = functions()
    if func.id not in known:
        allowed = ", ".join(known)
        raise ExpressionError(
            f"unknown function {func.id!r} (allowed: {allowed}){_suggestion(times)}", source, func
        )
    _, count, allowed_keywords = known[func.id]
    if len(node.args) != count:
        raise ExpressionError(
            f"{func.id} takes exactly {'one argument' if count == 1 else f'{count} arguments'}, "
            f"got {len(node.args)}",
            source,
            node,
        )
    for keyword in node.keywords:
        if keyword.arg is None:
            raise ExpressionError("**keyword arguments are not allowed", source, keyword.value)
        if keyword.arg not in allowed_keywords:
            hint = f"allowed: {', '.join(allowed_keywords)}" if allowed_keywords else "none allowed"
            raise ExpressionError(
                f"{func.id}: keyword argument {keyword.arg!r} is not allowed ({hint})",
                source,
                keyword.value,
            )
        value = keyword.value
        number = _constant_value(value)
        if keyword.arg == "keepdims":
            if not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
                raise ExpressionError("keepdims must be True or False", source, value)
        elif keyword.arg == "axis":
            if number is None or number != int(number) or abs(number) > 32:
                raise ExpressionError("axis must be a small whole number", source, value)
        elif number is None or not math.isfinite(number) or abs(number) > MAX_CONSTANT:
            raise ExpressionError(f"{keyword.arg} must be a number", source, value)
    return list(node.args)


def names_used(tree: ast.Expression) -> list[str]:
    """The variable names an expression uses, in order of first appearance."""
    if not isinstance(tree, ast.Expression):
        raise TypeError(
            f"names_used: tree must be what parse(source) returns, got {type(tree).__name__}"
        )
    found: list[str] = []
    stack: list[ast.AST] = [tree.body]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id not in found:
            found.append(node.id)
        elif isinstance(node, ast.Call):
            stack.extend(reversed(node.args))
        else:
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def build(
    source: str,
    values: Mapping[str, Any],
    *,
    requires_grad: bool = True,
    max_entries: int = MAX_ENTRIES,
) -> Built:
    """Check ``source``, make one named leaf Tensor per variable, and compute the expression.

    Args:
        source: the expression, e.g. ``"3*(a + b*c)"``.
        values: a number, nested list or array (or Tensor) for every variable it uses.
        requires_grad: whether the variables' Tensors receive gradients (default True).
        max_entries: the most numbers the values and all intermediate results may hold
            together (:data:`MAX_ENTRIES`); each result's shape is checked before it is
            computed.

    Returns:
        A :class:`Built` with the root Tensor and the variables by name.

    Raises:
        ExpressionError: the expression is refused, a variable has no value, a value was
            given for a name the expression does not use, or the results would hold more than
            ``max_entries`` numbers.
        AutogradError: the computation itself fails (shapes, log of 0, ...), with the engine's
            message.
    """
    if not is_int(max_entries):
        raise TypeError(f"build: max_entries must be an int, got {type(max_entries).__name__}")
    if max_entries < 1:
        raise ValueError(f"build: max_entries must be a positive integer, got {max_entries}")
    if not isinstance(values, Mapping):
        raise TypeError(
            f"build: values must be a dict {{name: value}}, got {type(values).__name__}"
        )
    tree = parse(source)
    used = names_used(tree)
    missing = [name for name in used if name not in values]
    if missing:
        hint = " ".join(f"{name}=VALUE" for name in missing)
        raise ExpressionError(
            f"no value given for variable{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (give {hint})"
        )
    unused = [name for name in values if name not in used]
    if unused:
        raise ExpressionError(
            f"value given for {', '.join(unused)}, which the expression {source!r} does not use"
        )
    variables: dict[str, Tensor] = {}
    for name in used:
        given = values[name]
        if isinstance(given, Tensor):
            variables[name] = given
        else:
            try:
                variables[name] = Tensor(given, name=name, requires_grad=requires_grad)
            except TypeError as error:
                raise ExpressionError(f"value of {name}: {error}") from None
    budget = _Budget(source, int(max_entries))
    for name, tensor in variables.items():
        budget.take(tensor.shape, name, None)
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            root = _evaluate(tree.body, variables, budget)
    except FloatingPointError as error:
        raise ExpressionError(
            f"the computation of {source!r} is not finite ({error}): the numbers are too large "
            "or outside a function's domain"
        ) from None
    if not isinstance(root, Tensor):
        root = Tensor(root, requires_grad=False)
    return Built(root, variables, source)


class _Budget:
    """Counts the numbers an expression's values and results hold, refusing past the limit."""

    def __init__(self, source: str, limit: int) -> None:
        self.source, self.limit, self.used = source, limit, 0

    def take(self, shape: tuple[int, ...], what: str, node: ast.AST | None) -> None:
        """Count a result of ``shape`` before it is computed; refuse it past the limit."""
        entries = math.prod(shape)
        self.used += entries
        if self.used > self.limit:
            raise ExpressionError(
                f"too big: {what} would be {shape}: {entries:,} numbers, and an expression "
                f"may hold at most {self.limit:,} numbers in all (its values and every "
                "intermediate result)",
                self.source if node is not None else "",
                node,
            )


def _shape(x: Any) -> tuple[int, ...]:
    return x.shape if isinstance(x, Tensor) else ()


def _result_shape(op: ast.operator, left: Any, right: Any) -> tuple[int, ...] | None:
    """The shape of ``left op right`` from the operands' shapes, without computing it.

    None when the shapes do not fit: the operation itself then reports the mismatch.
    """
    a, b = _shape(left), _shape(right)
    if not isinstance(op, ast.MatMult):
        try:
            return tuple(np.broadcast_shapes(a, b))
        except ValueError:
            return None
    if not a or not b:
        return None
    a2 = a if len(a) > 1 else (1, *a)  # matmul's rule for a rank-1 operand
    b2 = b if len(b) > 1 else (*b, 1)
    if a2[-1] != b2[-2]:
        return None
    try:
        batch = tuple(np.broadcast_shapes(a2[:-2], b2[:-2]))
    except ValueError:
        return None
    return batch + a2[-2:-1] * (len(a) > 1) + b2[-1:] * (len(b) > 1)


def _evaluate(node: ast.AST, variables: Mapping[str, Tensor], budget: _Budget) -> Any:
    """Build the Tensors of a checked tree (depth is bounded by MAX_DEPTH, so recursion is safe)."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return variables[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, variables, budget)
        if isinstance(node.op, ast.USub):
            budget.take(_shape(operand), "-x", node)
            return -operand
        return operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, variables, budget)
        right = _evaluate(node.right, variables, budget)
        shape = _result_shape(node.op, left, right)
        if shape is not None:
            symbol = _BINARY[type(node.op)][0]
            budget.take(shape, f"{_text(budget.source, node.left)} {symbol} "
                        f"{_text(budget.source, node.right)}", node)  # fmt: skip
        if not isinstance(left, Tensor) and not isinstance(right, Tensor):
            left = Tensor(left, requires_grad=False)
        if isinstance(node.op, ast.MatMult):
            left = left if isinstance(left, Tensor) else Tensor(left, requires_grad=False)
        return _BINARY[type(node.op)][1](left, right)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)  # checked by parse()
        function = functions()[node.func.id][0]
        arguments = [_evaluate(argument, variables, budget) for argument in node.args]
        try:  # at most its inputs' broadcast size
            shape = tuple(np.broadcast_shapes(*[_shape(a) for a in arguments]))
        except ValueError:
            shape = ()  # shapes that do not fit: the function itself reports the mismatch
        budget.take(shape, f"{node.func.id}(...)", node)
        kwargs: dict[str, Any] = {}
        for keyword in node.keywords:
            assert keyword.arg is not None
            if keyword.arg == "keepdims":
                kwargs["keepdims"] = bool(keyword.value.value)  # type: ignore[attr-defined]
            elif keyword.arg == "axis":
                kwargs["axis"] = int(_constant_value(keyword.value))  # type: ignore[arg-type]
            else:
                kwargs[keyword.arg] = float(_constant_value(keyword.value))  # type: ignore[arg-type]
        return function(*arguments, **kwargs)
    raise ExpressionError(f"internal error: unchecked node {type(node).__name__}")


def _text(source: str, node: ast.AST) -> str:
    """The source text of a node, cut to 30 characters (offsets are UTF-8 bytes)."""
    data = source.encode("utf-8")
    text = data[node.col_offset : node.end_col_offset].decode("utf-8", "replace")  # type: ignore[attr-defined]
    return text if len(text) <= 30 else text[:27] + "..."


def parse_value(text: str) -> float | np.ndarray:
    """Read a command-line value: a number (``5``, ``-0.5``, ``1e-3``) or a nested list
    (``[[1, 2], [3, 4]]``), never evaluating code.

    Raises:
        ExpressionError: anything else.
    """
    import json

    if not isinstance(text, str):
        raise TypeError(f"parse_value: the value must be text, got {type(text).__name__}")
    text = text.strip()
    if len(text) > 100_000:
        raise ExpressionError("value is too long")
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if not math.isfinite(number):
            raise ExpressionError(f"value {text!r} is not a finite number")
        return number
    if text.startswith("["):
        try:
            data = json.loads(text)
            array = np.asarray(data, dtype=np.float64)
        except (ValueError, TypeError, RecursionError):
            raise ExpressionError(
                f"value {text[:40]!r} is not a number or a rectangular nested list of numbers"
            ) from None
        if not np.all(np.isfinite(array)):
            raise ExpressionError(f"value {text[:40]!r} contains non-finite numbers")
        return array
    raise ExpressionError(
        f"value {text[:40]!r} is not a number (write e.g. a=5, or a list such as W=[[1,2],[3,4]])"
    )
