"""Which name a diagram gives each node of the recorded graph.

In order of preference:

1. the tensor's own ``name`` (``Tensor(5.0, name="a")``, or the W1, b1, Z1, A1 that the dense
   layers set);
2. the user's variable name when ``names=locals()`` (or any mapping) is passed: a Tensor by
   identity, so ``u = b * c`` shows as "u"; a numpy array (X, Y) by the data tensor made from
   it (the same array, a view of it, or a copy with the same values: numpy operands are copied
   when an operation is recorded); one level of dicts is read too, so the course's
   ``parameters`` and ``cache`` (``cache["Z1"]``) name what they hold. An operand equal to
   ``1 - Y`` for a named Y is written ``1 - Y``;
3. the course's name where the structure says which: ``Z1`` for ``W1 @ A0 + b1``, ``A1`` for an
   activation of ``Z1`` (tanh, relu, sigmoid, or the sigmoid written out, ``1 / (1 + exp(-Z1))``),
   with the layer index read from the name of W1 (``W[2]`` gives ``Z[2]``); ``X`` for the data
   W1 multiplies, ``Y`` (and ``1 - Y``) for the labels the cost multiplies with a ``log``;
4. "J" for the root ("cost" when the user called another node J);
5. otherwise the node's expression, from the op's label template and its inputs' names:
   ``W1 @ X``, ``log(1 - A2)``, ``sum(log(A2) * Y + log(1 - A2) * (1 - Y))``; one longer than
   :data:`LONGEST_NAME` characters writes its long inputs as ``…`` (``0.2 * …``). A leaf with no
   name at all is ``parameter`` or ``data``.

A name is never used for two quantities: a later node whose name is taken gets `` #2``, `` #3``
(the data tensors made from one numpy array are one quantity and share its name). Generated ids
such as ``t5`` are never shown.

Gradients are written as fractions, ``dJ/du`` (the default), or with the course's variable names,
``du``, ``dW1``, ``db2``, ``d(W1 @ X)`` (``grad_names="course"``, as the assignments name them).
In that mode a local derivative is written with ∂ (``dZ1 = dA1 * ∂A1/∂Z1``), so that ``dA1``
always means dJ/dA1 and nothing else.

Constants that Python numbers became (the 3 in ``J = 3 * v``) are not nodes of the picture: they
are folded into their consumer's label, as on the course's slides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..tensor import Tensor
from . import labels

#: A generated expression longer than this writes its long inputs shorter, their own long
#: inputs as "…" (``sum(log(A2) * Y + …)``), or as "…" alone.
LONGEST_NAME = 32

#: A generated input longer than this is written "…" in an outline.
SHORTEST_ELIDED = 8

#: The ops whose output is a layer's activation A[l] when their input is Z[l].
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "softmax", "where")

_LAYER = re.compile(r"^(?P<kind>[WbZA])(?P<open>\[?)(?P<l>\d+)\]?$")
_ATOM = re.compile(r"[\w.\[\]]+|[\w.]+e[-+]\d+|\(.*\)|\w+\(.*\)|…")
_BINARY = re.compile(r"\{x\} (\S+) \{y\}")
#: How tightly an operator binds: a looser input is parenthesized (``(1 - Y) @ A``).
_LEVEL = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "**": 4}
_NEG, _TOP = 3, 5


def fraction(num: str, den: str) -> str:
    """The derivative of ``num`` with respect to ``den``: ``dJ/du``, ``dJ/d(1 - A2)``."""
    return f"d{_wrap(num)}/d{_wrap(den)}"


def partial(num: str, den: str) -> str:
    """A local derivative where ``dx`` already means dJ/dx (course names): ``∂A1/∂Z1``."""
    return f"∂{_wrap(num)}/∂{_wrap(den)}"


def _wrap(name: str) -> str:
    return name if name.isidentifier() else f"({name})"


def is_constant(t: Tensor) -> bool:
    """True for an unnamed one-entry leaf without gradient: a Python number used in an op."""
    return t.is_leaf and not t.requires_grad and t.name is None and t.size == 1


def is_data(t: Tensor) -> bool:
    """True for data (X, Y, labels, or anything computed from data only): no gradient."""
    return not t.requires_grad


def is_parameter(t: Tensor) -> bool:
    """True for a leaf that receives a gradient (a, b, c in the J example; W1, b1 ...)."""
    return t.is_leaf and t.requires_grad


def layer_of(name: str | None) -> tuple[str, str, str] | None:
    """``("W", "1", "")`` for W1, ``("Z", "2", "[")`` for Z[2]: kind, layer index, bracket."""
    match = _LAYER.match(name or "")
    return None if match is None else (match["kind"], match["l"], match["open"])


def course_name(kind: str, layer: str, bracket: str) -> str:
    """``Z1``, or ``Z[1]`` when the layer's W is written ``W[1]``."""
    return f"{kind}[{layer}]" if bracket else f"{kind}{layer}"


def level(name: str) -> int:
    """How tightly a written name binds: 5 for a name, a number, a call or a bracket; 3 for a
    negation; 2 for a product; 1 for a sum; 0 when unknown (always parenthesized)."""
    if _ATOM.fullmatch(name):
        return _TOP
    return 0


def given_names(
    order: Sequence[Tensor], names: Mapping[str, Any] | None
) -> dict[int, tuple[str, int]]:
    """The user's variable names of the graph's nodes, by node id, each with its quantity.

    The quantity is the id of what was named: the Tensor, or the numpy array several data
    tensors were copied from (they are one quantity and may share the name).

    Tensors are matched by identity; numpy arrays (X, Y) to the data leaf made from them: the
    same array, a view of it, or a copy with equal values (of more than one entry). Values of
    the mapping that are dicts (``parameters``, ``cache``) are read one level down, after the
    mapping's own names. The first name found for a node wins; names starting with ``_`` and
    names that are not strings are ignored.
    """
    if not names:
        return {}
    chosen: dict[int, tuple[str, int]] = {}
    arrays: list[tuple[str, np.ndarray]] = []

    def take(var: Any, obj: Any) -> None:
        if not isinstance(var, str) or not var.strip() or var.startswith("_"):
            return
        if isinstance(obj, Tensor):
            chosen.setdefault(id(obj), (var, id(obj)))
        elif isinstance(obj, np.ndarray) and obj.size > 1:
            arrays.append((var, obj))

    for var, obj in names.items():
        take(var, obj)
    for var, obj in list(names.items()):
        if type(obj) is dict and isinstance(var, str) and not var.startswith("_"):
            for key, value in obj.items():
                take(key, value)
    if arrays:
        leaves = [
            t
            for t in order
            if t.is_leaf and not t.requires_grad and t.name is None and id(t) not in chosen
        ]
        for var, array in arrays:
            for t in leaves:
                if id(t) not in chosen and wraps(t, array):
                    chosen[id(t)] = (var, id(array))
    return chosen


def wraps(t: Tensor, array: np.ndarray) -> bool:
    """True when data tensor ``t`` holds ``array``: the same array, a view of all of it, or a
    copy (equal values, more than one entry)."""
    data = t.data
    if data.shape != array.shape:  # (a view of part of X is another quantity)
        return False
    if data is array or getattr(data, "base", None) is array:
        return True
    if array.size <= 1:
        return False
    try:
        return bool(np.array_equal(data, array))
    except TypeError:  # an array of objects or strings
        return False


def tidy(text: str) -> str:
    """Drop parentheses that only double others: ``exp((-Z2))`` -> ``exp(-Z2)``."""
    chars = list(text)
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for k, c in enumerate(chars):
        if c == "(":
            opened.append(k)
        elif c == ")" and opened:
            pairs[opened.pop()] = k
    for start, end in pairs.items():
        if start + 1 in pairs and pairs[start + 1] == end - 1:
            chars[start + 1] = chars[end - 1] = ""
    return "".join(chars)


class NameTable:
    """The display name of every node in a graph, decided once and read by all views.

    Args:
        order: the nodes in topological order (from :func:`autograd_nn.graph.toposort`).
        root: the node the graph was drawn from (the cost J).
        names: optional mapping of variable names to tensors or numpy arrays, typically
            ``locals()``; see the module's docstring for how each node is named.
        grad_names: ``"fraction"`` writes dJ/du, ``"course"`` writes du (dW1, db2).

    Example:
        >>> import numpy as np
        >>> from autograd_nn import Tensor
        >>> from autograd_nn.graph import toposort
        >>> X = np.array([[1.0, 2.0], [3.0, 4.0]])
        >>> W1, b1 = Tensor(np.ones((3, 2)), name="W1"), Tensor(np.zeros((3, 1)), name="b1")
        >>> A1 = np.tanh(np.dot(W1, X) + b1)
        >>> J = np.sum(A1)
        >>> table = NameTable(toposort(J), J, {"X": X})
        >>> [table[t] for t in toposort(J) if t.op is not None]
        ['W1 @ X', 'broadcast(b1)', 'Z1', 'A1', 'J']
        >>> table.equation(A1.parents[0])
        'Z1 = W1 @ X + b1'
    """

    def __init__(
        self,
        order: Sequence[Tensor],
        root: Tensor,
        names: Mapping[str, Any] | None = None,
        grad_names: str = "fraction",
    ) -> None:
        if names is not None and not isinstance(names, Mapping):
            raise TypeError(
                "names must be a mapping of variable names to tensors, such as locals() or "
                f"{{'u': u, 'v': v}}, got {type(names).__name__}"
            )
        self.grad_names = grad_names
        self._root = id(root)
        self._index = {id(t): index for index, t in enumerate(order)}
        self._names: dict[int, str] = {}
        self._written: dict[int, tuple[str, int]] = {}  # how a node is written in expressions
        self._inputs: dict[int, list[tuple[str, int]]] = {}  # a generated name's inputs
        self._outline: dict[int, list[str]] = {}  # a generated name, shorter and shorter
        self._quantity: dict[int, int] = {}  # nodes that are one quantity share a name
        self._consumers: dict[int, list[Tensor]] = {}
        for t in order:
            for p in t.parents:
                self._consumers.setdefault(id(p), []).append(t)
        self._owner: dict[str, int] = {}  # name -> the quantity that holds it
        self._next: dict[str, int] = {}  # name -> the next " #k" to try
        given = given_names(order, names)
        for t in order:
            if t.name:
                self._names[id(t)] = t.name
            elif id(t) in given:
                self._names[id(t)], self._quantity[id(t)] = given[id(t)]
            elif is_constant(t) and t is not root:
                text = labels.number(t.data)
                self._names[id(t)] = f"({text})" if text.startswith("-") else text
        self._name_data(order)
        for t in order:  # the names given or read from the data, first: they win
            if id(t) in self._names:
                self._claim(t)
        for t in order:  # then, parents first, the course's names and the expressions
            if id(t) not in self._names:
                self._names[id(t)] = self._generated(t, root)
                self._claim(t)

    # ------------------------------------------------------------------ naming passes
    def _name_data(self, order: Sequence[Tensor]) -> None:
        """X for the data W1 multiplies; Y and 1 - Y for the labels; ``1 - Y`` for an operand
        equal to one minus a named array."""
        unnamed = [
            t for t in order if t.is_leaf and not t.requires_grad and id(t) not in self._names
        ]
        unnamed = [t for t in unnamed if t.size > 1]
        used = set(self._names.values())
        for t in unnamed:
            for user in self._consumers.get(id(t), ()):
                if (
                    user.op is not None
                    and user.op.name == "matmul"
                    and user.parents[1] is t
                    and (layer_of(self._names.get(id(user.parents[0]))) or ("", "", ""))[:2]
                    == ("W", "1")
                    and "X" not in used
                ):
                    self._names[id(t)] = "X"
                    used.add("X")
        labels_ = [
            t
            for t in unnamed
            if id(t) not in self._names
            and any(self._multiplies_a_log(user, t) for user in self._consumers.get(id(t), ()))
        ]
        if len(labels_) == 1 and "Y" not in used:
            self._names[id(labels_[0])] = "Y"
        elif len(labels_) == 2 and "Y" not in used:
            first, second = labels_
            if wraps(second, 1 - first.data):
                self._names[id(first)] = "Y"
            elif wraps(first, 1 - second.data):
                self._names[id(second)] = "Y"
        named = [t for t in order if t.is_leaf and not t.requires_grad and id(t) in self._names]
        for t in unnamed:
            if id(t) in self._names:
                continue
            for other in named:
                name = self._names[id(other)]
                if name.isidentifier() and other.size > 1 and wraps(t, 1 - other.data):
                    self._names[id(t)] = f"1 - {name}"
                    self._written[id(t)] = (f"1 - {name}", _LEVEL["-"])
                    self._quantity[id(t)] = -id(other)
                    break

    def _multiplies_a_log(self, user: Tensor, t: Tensor) -> bool:
        """True when ``user`` multiplies t with a log (``Y * log(A2)``, ``Y @ log(AL).T``)."""
        if user.op is None or user.op.name not in ("mul", "matmul"):
            return False
        for other in user.parents:
            if other is t:
                continue
            if other.op is not None and other.op.name == "transpose":
                other = other.parents[0]
            if other.op is not None and other.op.name == "log":
                return True
        return False

    def _generated(self, t: Tensor, root: Tensor) -> str:
        """The course's name, J for the root, the expression, or parameter/data for a leaf."""
        used = self._owner
        inferred = self._course_name(t)
        if inferred is not None and inferred not in used:
            return inferred
        if t is root:  # J, or "cost" when the user's J is another node
            for name in ("J", "cost"):
                if name not in used:
                    return name
        if t.op is None:
            return "parameter" if t.requires_grad else "data"
        if t.op.name == "broadcast_to":  # written as its input in expressions: Z1 = W1 @ X + b1
            source = t.parents[0]
            self._written[id(t)] = self._written[id(source)]
            return f"broadcast({self._names[id(source)]})"
        text = self._expression(t, long=False)
        self._written[id(t)] = (text, self._level(t))
        return text

    def _course_name(self, t: Tensor) -> str | None:
        """Z[l] for W[l] A[l-1] + b[l]; A[l] for an activation of Z[l]."""
        op = t.op
        if op is None:
            return None
        if op.name == "add":
            for product, bias in (t.parents, t.parents[::-1]):
                if product.op is None or product.op.name != "matmul":
                    continue
                weights = layer_of(self._names.get(id(product.parents[0])))
                if bias.op is not None and bias.op.name == "broadcast_to":
                    bias = bias.parents[0]
                b = layer_of(self._names.get(id(bias)))
                if weights and b and weights[0] == "W" and b[0] == "b" and weights[1] == b[1]:
                    return course_name("Z", weights[1], weights[2])
            return None
        z = None
        if op.name in ACTIVATIONS:
            z = t.parents[0]
        elif op.name == "div":
            z = self._sigmoid_input(t)
        found = None if z is None else layer_of(self._names.get(id(z)))
        if found and found[0] == "Z":
            return course_name("A", found[1], found[2])
        return None

    def _sigmoid_input(self, t: Tensor) -> Tensor | None:
        """Z when t is the sigmoid written out, ``1 / (1 + np.exp(-Z))``; else None."""
        one, denominator = t.parents

        def is_one(x: Tensor) -> bool:
            return is_constant(x) and float(np.asarray(x.data).reshape(())) == 1.0

        if not is_one(one) or denominator.op is None or denominator.op.name != "add":
            return None
        for a, e in (denominator.parents, denominator.parents[::-1]):
            if is_one(a) and e.op is not None and e.op.name == "exp":
                negation = e.parents[0]
                if negation.op is not None and negation.op.name == "neg":
                    return negation.parents[0]
        return None

    def _level(self, t: Tensor) -> int:
        """How tightly t's expression binds (see :func:`level`)."""
        label = t.op.label if t.op is not None else ""
        binary = _BINARY.fullmatch(label)
        if binary:
            return _LEVEL.get(binary.group(1), 0)
        if label == "-{x}":
            return _NEG
        return _TOP

    def _expression(self, t: Tensor, long: bool = True) -> str:
        """t's right-hand side from its inputs' written names; ``long=False`` shortens it to
        :data:`LONGEST_NAME` characters: long generated inputs in outline, then as "…"."""
        written = [self._written.get(id(p), (self._names[id(p)], 0)) for p in t.parents]
        text = self._fill(t, written)
        if long:
            return text
        self._inputs[id(t)] = list(written)
        if len(text) <= LONGEST_NAME:
            return text
        generated = [k for k, p in enumerate(t.parents) if id(p) in self._inputs]
        generated.sort(key=lambda k: -len(written[k][0]))
        for k in generated:  # the long inputs shorter and shorter: sum(log(A2) * Y + …), sum(…)
            parent = t.parents[k]
            for form in [*self._outlines(parent), "…"]:
                written[k] = (form, _TOP if form == "…" else self._level(parent))
                text = self._fill(t, written)
                if len(text) <= LONGEST_NAME:
                    return text
        return text

    def _outlines(self, t: Tensor) -> list[str]:
        """A generated name with more and more of its long generated inputs written "…",
        longest first: ``a * b + log(1 - A2) * (1 - Y)``, ``a * b + …``, ``… + …``."""
        key = id(t)
        if key not in self._outline:
            inputs = list(self._inputs[key])
            long = [
                k
                for k, p in enumerate(t.parents)
                if id(p) in self._inputs and len(inputs[k][0]) > SHORTEST_ELIDED
            ]
            forms = []
            for k in sorted(long, key=lambda k: -len(inputs[k][0])):
                inputs[k] = ("…", _TOP)
                forms.append(self._fill(t, inputs))
            self._outline[key] = forms
        return self._outline[key]

    def _fill(self, t: Tensor, written: list[tuple[str, int]]) -> str:
        """The op's label template with each input, parenthesized where it binds less tightly."""
        op = t.op
        assert op is not None
        label = op.label
        binary = _BINARY.fullmatch(label)
        if binary and len(written) == 2:  # x + y, the common case, without the template engine
            (x, bx), (y, by) = written
            mine = _LEVEL.get(binary.group(1), _TOP)
            x = f"({x})" if bx < mine else x
            y = f"({y})" if by <= mine else y
            return f"{x} {binary.group(1)} {y}"
        args = []
        for name, bind in written:
            if label == "-{x}":
                loose = bind <= _NEG
            elif label.startswith("{x}"):  # x.T, x[...]
                loose = bind < _TOP
            else:  # f(x): the parentheses are the call's
                loose = False
            args.append(f"({name})" if loose else name)
        if "{x}" not in label:
            return f"{label}({', '.join(args)})"
        text = op.write("label", 0, args)
        params = t.params
        extras = []
        if params.get("axis") is not None:
            extras.append(f"axis={params['axis']}")
        if params.get("keepdims"):
            extras.append("keepdims=True")
        if "slope" in params:
            extras.append(f"slope={labels.number(params['slope'])}")
        if "lo" in params:
            extras.append(f"{labels.number(params['lo'])}, {labels.number(params['hi'])}")
        if extras and text.endswith(")"):
            text = text[:-1] + ", " + ", ".join(extras) + ")"
        return text

    def _claim(self, t: Tensor) -> None:
        """Give t its name for good: `` #2``, `` #3`` ... when another quantity holds it."""
        key = id(t)
        name = self._names[key]
        if not (is_constant(t) and key != self._root):  # numbers: 3 is 3 wherever it appears
            quantity = self._quantity.get(key, key)
            holder = self._owner.setdefault(name, quantity)
            if holder != quantity:
                count = self._next.get(name, 2)
                while f"{name} #{count}" in self._owner:
                    count += 1
                self._next[name] = count + 1
                unique = f"{name} #{count}"
                self._owner[unique] = quantity
                self._names[key] = name = unique
                self._written.pop(key, None)
        if key not in self._written:
            self._written[key] = (name, level(name))

    # ------------------------------------------------------------------ reading
    def __getitem__(self, t: Tensor) -> str:
        return self._names[id(t)]

    @property
    def root(self) -> str:
        """The root's name (J)."""
        return self._names[self._root]

    def is_root(self, t: Tensor) -> bool:
        """True for the node the graph is drawn from."""
        return id(t) == self._root

    def d(self, t: Tensor) -> str:
        """The gradient of the root with respect to t: ``dJ/du``, or ``du`` with course names
        (the root's own, the seed, stays ``dJ/dJ``)."""
        if self.grad_names == "course" and not self.is_root(t):
            return "d" + _wrap(self[t])
        return fraction(self.root, self[t])

    def local(self, child: Tensor, parent: Tensor) -> str:
        """The local derivative on an edge: ``du/db``, or ``∂u/∂b`` with course names, where
        ``du`` means dJ/du."""
        return self.derivative(self[child], parent)

    def derivative(self, expression: str, parent: Tensor) -> str:
        """The derivative of ``expression`` with respect to ``parent``, written so that it
        cannot be read as a gradient: ``d(3 * v)/dv``, or ``∂(3 * v)/∂v`` with course names."""
        if self.grad_names == "course":
            return partial(expression, self[parent])
        return fraction(expression, self[parent])

    def index(self, t: Tensor) -> int:
        """The node's position in the topological order (its stable id in DOT: ``n<index>``)."""
        return self._index[id(t)]

    def operand(self, t: Tensor) -> str:
        """t as an input of a formula: its name, parenthesized unless it is one word, a number
        or a call: ``A1``, ``(1 - A2)``, ``log(A2)``; a bias's broadcast reads as the bias."""
        name, bind = self._written[id(t)]
        return name if bind == _TOP else f"({name})"

    def write(self, child: Tensor, part: str, i: int, /, **names: Any) -> str:
        """The op's ``part`` ("label", "local" or "vjp_text") for input ``i`` of ``child``, with
        the inputs and ``out`` written as operands: ``1/(1 - A2)``, ``exp(-Z2)``, ``1 - A1^2``.
        (``i`` is positional only: an op's parameters, given by name, include ``index``.)"""
        op = child.op
        assert op is not None
        inputs = [self.operand(p) for p in child.parents]
        names.setdefault("out", self.operand(child))
        return tidy(op.write(part, i, inputs, **names))

    def expression(self, t: Tensor) -> str:
        """The right-hand side of the node's defining equation, e.g. ``b * c`` for u.

        Constants are folded in (``3 * v``); reductions show their axis
        (``sum(dZ2, axis=1, keepdims=True)``); the broadcast of a bias reads as the bias
        (``W1 @ X + b1``).
        """
        op = t.op
        if op is None:
            return self[t]
        if op.name == "broadcast_to":
            parent = t.parents[0]
            return f"broadcast {self[parent]} {labels.course_shape(self[parent], parent.shape)}"
        return self._expression(t)

    def equation(self, t: Tensor) -> str:
        """The node's defining equation, ``u = b * c``; a leaf's name alone, and a node named
        by its own expression (``W1 @ X``) that expression alone."""
        if t.op is None:
            return self[t]
        if t.op.name == "broadcast_to":
            return self.expression(t)
        expression = self.expression(t)
        if expression == self[t]:
            return expression
        return f"{self[t]} = {expression}"
