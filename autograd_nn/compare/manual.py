"""Your own backprop, taken as the course writes it: reading its signature, running it on copies.

``compare(..., manual=f)`` accepts three kinds of function, told apart by their parameters:

============================================  =================================================
your function                                 what compare does
============================================  =================================================
``f(parameters, X, Y) -> grads``              calls it; it runs its own forward pass
``backward_propagation(parameters, cache,     runs your ``forward_propagation(X, parameters)``
X, Y) -> grads`` (week 3)                     -> (A2, cache), then your backward on that cache
``L_model_backward(AL, Y, caches) -> grads``  runs your ``L_model_forward(X, parameters)``
(week 4)                                      -> (AL, caches), then your backward
============================================  =================================================

The forward pass is ``forward=`` if given (``--forward FILE.py:FUNCTION`` on the command line),
else the function of the course's name (``forward_propagation``, ``L_model_forward``) in the
module that defines your backward. Your forward's A[L] is checked against the course's first:
a backward pass can only be compared on the right cache.

Every call gets copies of ``parameters``, X and Y. The ``grads`` dict must hold dW1, db1, ...,
dWL, dbL; dZ1, ..., dZL and dA0, ..., dA{L} are optional and compared when present (they
narrow down where a mistake is). Anything else in the dict (a cost, caches, notes) is left
alone. The older edition of week 4 stored dA[l] under "dA{l+1}" (dA1 .. dAL, no dA0); such a
dict is read with the keys moved down by one, and the report says so.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import reference
from .aliasing import changed_in_place, course_values, in_place_note, snapshot
from .crash import crash_message
from .inputs import ComparisonError, ManualGradientError, Parameters, as_array
from .rows import row_relative_difference

ManualGradients = Callable[..., Mapping[str, Any]]
"""Your backprop: ``f(parameters, X, Y)``, ``backward_propagation(parameters, cache, X, Y)``
or ``L_model_backward(AL, Y, caches)``, returning the course's grads dict."""

OWN_FORWARD = "parameters, X, Y"
WEEK_3 = "parameters, cache, X, Y"
WEEK_4 = "AL, Y, caches"

COURSE_FORWARD = {WEEK_3: "forward_propagation", WEEK_4: "L_model_forward"}
"""The course's name of the forward pass that makes the cache each backward form reads."""

ACCEPTED = (
    "compare accepts f(parameters, X, Y) -> grads; "
    "backward_propagation(parameters, cache, X, Y) -> grads (week 3, with "
    "forward_propagation(X, parameters) -> (A2, cache)); "
    "L_model_backward(AL, Y, caches) -> grads (week 4, with "
    "L_model_forward(X, parameters) -> (AL, caches))"
)


@dataclass(frozen=True)
class LearnerBackward:
    """Your backward function, the form of its signature, and the forward that feeds it.

    Attributes:
        backward: your function.
        form: its arguments, :data:`OWN_FORWARD`, :data:`WEEK_3` or :data:`WEEK_4`.
        forward: your forward pass (None for :data:`OWN_FORWARD`).
    """

    backward: Callable[..., Any]
    form: str
    forward: Callable[..., Any] | None = None

    @property
    def call(self) -> str:
        """How messages name the call, e.g. "backward_propagation(parameters, cache, X, Y)"."""
        return f"{_name(self.backward)}({self.form})"


def _name(function: Any) -> str:
    return getattr(function, "__name__", None) or getattr(
        getattr(function, "func", None), "__name__", "manual"
    )


def _required_positional(function: Callable[..., Any]) -> list[str] | None:
    """The names of the positional parameters without a default (None if unknowable)."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # some builtins and C functions have no signature
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = signature.parameters.values()
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters):
        return None
    return [p.name for p in parameters if p.kind in kinds and p.default is p.empty]


def _form(backward: Callable[..., Any]) -> str:
    """Which of the accepted forms ``backward``'s parameters have."""
    names = _required_positional(backward)
    if names is None:
        return OWN_FORWARD
    caches = ["cache" in name.lower() for name in names]
    if len(names) == 4 and caches == [False, True, False, False]:
        return WEEK_3
    if len(names) == 3 and caches == [False, False, True]:
        return WEEK_4
    if len(names) == 3 and not any(caches):
        return OWN_FORWARD
    raise ManualGradientError(
        f"your {_name(backward)}({', '.join(names)}) takes arguments compare cannot supply; "
        f"{ACCEPTED}"
    )


def _module_function(function: Callable[..., Any], name: str) -> Any:
    """The object called ``name`` in the module that defines ``function``, or None."""
    namespace = getattr(function, "__globals__", None)
    if namespace is None:  # functools.partial and the like
        namespace = getattr(getattr(function, "func", None), "__globals__", {})
    return namespace.get(name)


def read_backward(manual: Any, forward: Any = None) -> LearnerBackward:
    """Your backward function with its form and, for the course's forms, your forward pass.

    Args:
        manual: your backward function (see the module's table of accepted forms).
        forward: your forward pass, ``forward(X, parameters) -> (AL, cache)``; None looks for
            the course's name (``forward_propagation``, ``L_model_forward``) next to ``manual``.

    Raises:
        ManualGradientError: ``manual`` is not a function of an accepted form, or it needs a
            forward pass and none was given or found (the message names the signatures).
    """
    if not callable(manual):
        raise ManualGradientError(
            f"manual must be your backward function, got {type(manual).__name__}; {ACCEPTED}"
        )
    form = _form(manual)
    if form == OWN_FORWARD:
        if forward is not None:
            raise ManualGradientError(
                f"your {_name(manual)}(parameters, X, Y) runs its own forward pass; forward= is "
                "for backward_propagation(parameters, cache, X, Y) and "
                "L_model_backward(AL, Y, caches), which read the forward pass's cache"
            )
        return LearnerBackward(manual, form)
    course_name = COURSE_FORWARD[form]
    if forward is None:
        forward = _module_function(manual, course_name)
        if forward is None:
            raise ManualGradientError(
                f"your {_name(manual)}({form}) reads the cache of your {course_name}(X, "
                f"parameters), but there is no {course_name} next to it: pass "
                f"forward={course_name} (on the command line --forward FILE.py:FUNCTION); "
                f"{ACCEPTED}"
            )
    if not callable(forward):
        raise ManualGradientError(
            f"forward must be your forward pass {course_name}(X, parameters) -> (AL, cache), "
            f"got {type(forward).__name__}"
        )
    return LearnerBackward(manual, form, forward)


def _describe(parameters: Parameters, X: np.ndarray, Y: np.ndarray | None = None) -> str:
    shapes = ", ".join(f"{k} {v.shape}" for k, v in parameters.items())
    labels = "" if Y is None else f", Y {Y.shape}"
    return f"(shapes: X {X.shape}{labels}, {shapes})"


def _run_forward(
    learner: LearnerBackward,
    parameters: Parameters,
    X: np.ndarray,
    hidden_activation: str,
    tolerance: float,
) -> tuple[np.ndarray, Any]:
    """(AL, cache) from your forward pass, with AL checked against the course's A[L]."""
    forward = learner.forward
    assert forward is not None
    names = _required_positional(forward) or []
    parameters_first = bool(names) and "param" in names[0].lower()
    order = "parameters, X" if parameters_first else "X, parameters"
    call = f"{_name(forward)}({order})"
    copies = {k: v.copy() for k, v in parameters.items()}
    try:
        result = forward(copies, X.copy()) if parameters_first else forward(X.copy(), copies)
    except Exception as exc:
        raise ManualGradientError(crash_message(call, exc, _describe(parameters, X))) from exc
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        raise ManualGradientError(
            f"your {call} must return (AL, cache) as the course's does, got {type(result).__name__}"
        )
    AL_yours, cache = result
    try:
        AL = as_array(AL_yours, f"the AL of your {call}")
    except ComparisonError as exc:
        raise ManualGradientError(str(exc)) from exc
    m = X.shape[1]
    if AL.shape != (1, m):
        raise ManualGradientError(
            f"your {call} returned AL of shape {AL.shape}; A[L] must be (1, m) = (1, {m})"
        )
    correct, _ = reference.L_model_forward(X, parameters, hidden_activation)
    difference = row_relative_difference(AL, correct)
    tolerance = max(tolerance, 1e-10)  # sigmoid written another way differs by rounding
    if not difference <= tolerance:
        hidden_layers = len(parameters) > 2
        matching = [
            g
            for g in reference.ACTIVATIONS
            if hidden_layers
            and g != hidden_activation
            and row_relative_difference(AL, reference.L_model_forward(X, parameters, g)[0])
            <= tolerance
        ]
        if matching:
            advice = (
                f"it matches hidden_activation={matching[0]!r}: pass that (--activation "
                f"{matching[0]} on the command line)"
            )
        else:
            advice = (
                "compare checks the backward pass on your forward pass's cache, so fix the "
                "forward pass first: Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l]), "
                "A[L] = sigmoid(Z[L])"
            )
        raise ManualGradientError(
            f"the AL of your {call} differs from the course's forward pass with "
            f"hidden_activation={hidden_activation!r} (relative difference {difference:.3g}); "
            f"{advice}"
        )
    return AL_yours, cache


def read_grads(grads: Any, L: int, call: str) -> dict[str, np.ndarray]:
    """The course's gradient keys of your ``grads`` dict, as float64 arrays.

    Args:
        grads: what your function returned.
        L: the number of layers.
        call: how messages name your call, e.g. "backward(parameters, X, Y)".

    Returns:
        dW1..dWL, db1..dbL and those of dZ1..dZL, dA0..dA{L} that are present.

    Raises:
        ManualGradientError: not a dict, dW[l] or db[l] missing, a value that is None or not
            an array of real numbers.
    """
    if not isinstance(grads, Mapping):
        raise ManualGradientError(
            f"your {call} must return the course's grads dict (dW1, db1, ...), "
            f"got {type(grads).__name__}"
        )
    required = [f"{p}{l}" for l in range(L, 0, -1) for p in ("dW", "db")]
    missing = [key for key in required if key not in grads]
    if missing:
        raise ManualGradientError(
            f"your grads dict has no {', '.join(missing)}; compare needs dW[l] and db[l] for "
            f"l = 1..{L} (keys {', '.join(required[::-1])}); dZ[l] and dA[l] are optional"
        )
    # only the course's gradient keys are read: dW1..dWL, db1..dbL, dZ1..dZL, dA0..dA{L};
    # anything else a learner keeps in the dict (a cost, caches, notes) is left alone
    compared = {f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db", "dZ")}
    compared |= {f"dA{l}" for l in range(L + 1)}
    arrays = {}
    for key, value in grads.items():
        if key not in compared:
            continue
        if value is None:
            raise ManualGradientError(f"your {key} is None; return an array (or leave {key} out)")
        try:
            arrays[key] = as_array(value, f"your {key}")
        except ComparisonError as exc:
            raise ManualGradientError(str(exc)) from exc
    return arrays


def run_backward(
    learner: LearnerBackward,
    parameters: Parameters,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    hidden_activation: str,
    tolerance: float,
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Run your backward (after your forward pass, for the course's forms) on copies.

    Args:
        learner: from :func:`read_backward`.
        parameters: W1, b1, ..., WL, bL, checked. X: (n_x, m). Y: (1, m).
        hidden_activation: g[1] .. g[L-1], to check your forward pass's A[L].
        tolerance: the relative difference up to which your A[L] is the course's (at least
            1e-10: the course's sigmoid 1 / (1 + e^-z) and a stable one differ by rounding).

    Returns:
        (grads, notes): the gradient keys of your grads dict as arrays, and sentences for the
        report (e.g. that the older week-4 naming of dA was read).

    Raises:
        ManualGradientError: your forward or backward raised, returned the wrong thing, or
            your forward pass's A[L] is not the course's.
    """
    L = len(parameters) // 2
    copies = {k: v.copy() for k, v in parameters.items()}
    if learner.form == OWN_FORWARD:
        arguments: tuple[Any, ...] = (copies, X.copy(), Y.copy())
    else:
        AL, cache = _run_forward(learner, parameters, X, hidden_activation, tolerance)
        if learner.form == WEEK_3:
            arguments = (copies, cache, X.copy(), Y.copy())
        else:
            arguments = (AL, Y.copy(), cache)
    names = [name.strip() for name in learner.form.split(",")]
    before = snapshot(dict(zip(names, arguments, strict=True)))
    try:
        grads = learner.backward(*arguments)
    except Exception as exc:
        raise ManualGradientError(
            crash_message(learner.call, exc, _describe(parameters, X, Y))
        ) from exc
    notes = []
    changes = changed_in_place(before)
    if changes:
        values = course_values(parameters, X, Y, hidden_activation)
        notes.append(in_place_note(learner.call, changes, values))
    older = [f"dA{l}" for l in range(1, L + 1)]
    if (
        learner.form == WEEK_4
        and isinstance(grads, Mapping)
        and "dA0" not in grads
        and all(key in grads for key in older)
    ):
        grads = {key: value for key, value in grads.items() if key not in older} | {
            f"dA{l - 1}": grads[f"dA{l}"] for l in range(1, L + 1)
        }
        notes.append(
            f"Your grads name dA[l] dA{{l+1}} (dA1 .. dA{L}, no dA0), as the older edition of "
            "week 4 does; they are read as dA0 .. "
            f"dA{L - 1}."
        )
    return read_grads(grads, L, learner.call), notes
