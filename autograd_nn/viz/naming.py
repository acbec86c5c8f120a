"""Which name a diagram gives each node of the recorded graph.

In order of preference: the tensor's own ``name`` (``Tensor(5.0, name="a")``, or the W1, b1, Z1,
A1 that the dense layers set); the user's variable name when ``names=locals()`` is passed (so
``u = b * c`` shows as "u"); "J" for an unnamed root; otherwise a stable generated name ``t<k>``,
where k is the node's index in the topological order (the same on every run).

Gradients are written as fractions, ``dJ/du`` (the default), or with the course's variable names,
``du``, ``dW1``, ``db2`` (``grad_names="course"``, as the assignments name them).

Constants that Python numbers became (the 3 in ``J = 3 * v``) are not nodes of the picture: they
are folded into their consumer's label, as on the course's slides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..tensor import Tensor
from . import labels


def fraction(num: str, den: str) -> str:
    """The derivative of ``num`` with respect to ``den``: ``dJ/du``, ``dJ/d(1 - A2)``."""
    return f"d{_wrap(num)}/d{_wrap(den)}"


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


class NameTable:
    """The display name of every node in a graph, decided once and read by all views.

    Args:
        order: the nodes in topological order (from :func:`autograd_nn.graph.toposort`).
        root: the node the graph was drawn from (the cost J).
        names: optional mapping of variable names to tensors, typically ``locals()``; names
            starting with ``_`` are ignored, and the first name found for a tensor wins.
        grad_names: ``"fraction"`` writes dJ/du, ``"course"`` writes du (dW1, db2).
    """

    def __init__(
        self,
        order: Sequence[Tensor],
        root: Tensor,
        names: Mapping[str, Any] | None = None,
        grad_names: str = "fraction",
    ) -> None:
        self.grad_names = grad_names
        self._root = id(root)
        chosen: dict[int, str] = {}
        if names is not None and not isinstance(names, Mapping):
            raise TypeError(
                "names must be a mapping of variable names to tensors, such as locals() or "
                f"{{'u': u, 'v': v}}, got {type(names).__name__}"
            )
        if names:
            for var, obj in names.items():
                if (
                    isinstance(obj, Tensor)
                    and isinstance(var, str)
                    and var.strip()
                    and not var.startswith("_")
                    and id(obj) not in chosen
                ):
                    chosen[id(obj)] = var
        self._names: dict[int, str] = {}
        self._index: dict[int, int] = {}
        generated: list[tuple[int, str]] = []
        for index, t in enumerate(order):
            key = id(t)
            self._index[key] = index
            if t.name:
                name = t.name
            elif key in chosen:
                name = chosen[key]
            elif is_constant(t) and t is not root:
                text = labels.number(t.data)
                name = f"({text})" if text.startswith("-") else text
            else:  # "J" for the root, t<k> otherwise, unless the user gave that name elsewhere
                name = "J" if t is root else f"t{index}"
                generated.append((key, name))
            self._names[key] = name
        made = {key for key, _ in generated}
        given = {name for key, name in self._names.items() if key not in made}
        for key, name in generated:
            if name in given:  # e.g. explain(J * 3, names=locals()) with J an intermediate
                name = f"t{self._index[key]}"
                while name in given:
                    name += "'"
                self._names[key] = name

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
        """The local derivative on an edge, always a fraction: ``du/db``."""
        return fraction(self[child], self[parent])

    def index(self, t: Tensor) -> int:
        """The node's position in the topological order (its stable id in DOT: ``n<index>``)."""
        return self._index[id(t)]

    def expression(self, t: Tensor) -> str:
        """The right-hand side of the node's defining equation, e.g. ``b * c`` for u.

        Constants are folded in (``3 * v``); reductions show their axis
        (``sum(t5, axis=1, keepdims=True)``).
        """
        op = t.op
        if op is None:
            return self[t]
        args = [self[p] for p in t.parents]
        params = t.params
        if op.name == "broadcast_to":
            return f"broadcast {args[0]} {labels.course_shape(args[0], t.parents[0].shape)}"
        if "{x}" not in op.label:
            return f"{op.label}({', '.join(args)})"
        text = op.write("label", 0, args)
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

    def equation(self, t: Tensor) -> str:
        """The node's defining equation, ``u = b * c``; a leaf's name alone."""
        if t.op is None:
            return self[t]
        if t.op.name == "broadcast_to":
            return self.expression(t)
        return f"{self[t]} = {self.expression(t)}"
