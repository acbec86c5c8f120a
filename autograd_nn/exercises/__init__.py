"""Practise backprop: exercises made from any recorded graph, graded edge by edge.

>>> from autograd_nn import Tensor
>>> from autograd_nn.exercises import Exercise
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.backward()
>>> ex = Exercise(J, names=locals())
>>> grade = ex.grade({"du/db": 2, "dJ/db": 2})
>>> grade.score, grade.total
(1, 9)
>>> grade.verdicts["dJ/db"].mistake
'missing upstream'
>>> import textwrap
>>> print(textwrap.fill(grade.feedback, 90))
dJ/db: 2 leaves out the upstream gradient dJ/du = 3: dJ/db = dJ/du * du/db, the upstream
gradient times the local derivative

``Exercise(J, ask="both", seed=None)`` asks the local derivative on each edge (``"du/db"``),
the gradient at each node (``"dJ/db"``, or ``"db"`` with ``grad_names="course"``) or the values
(``"u"``); ``.grade(answers)`` returns a :class:`Grade` whose verdicts name the mistake (the
other operand, the upstream factor forgotten, a path missing, a sign, the 1/m, a transposed
matrix, tanh' taken at Z instead of A); ``.save("ex.html")`` writes the page, where the same
verdicts are given in the browser. ``generate(level, seed)`` makes a fresh exercise of the
course's kinds: ``"scalar"``, ``"logistic"``, ``"two-layer"``.

Modules: :mod:`.answers` (reading an answer, the tolerance rule), :mod:`.blanks` (what is asked),
:mod:`.mistakes` (the named wrong answers), :mod:`.grading` (verdicts and grades),
:mod:`.exercise` (:class:`Exercise`), :mod:`.generate` (:func:`generate`), :mod:`.page` (the
HTML page, on :mod:`autograd_nn.viz.page`).
"""

from .blanks import Blank, Mistake
from .exercise import ASKS, Exercise
from .generate import LEVELS, generate
from .grading import Grade, Verdict

__all__ = ["ASKS", "LEVELS", "Blank", "Exercise", "Grade", "Mistake", "Verdict", "generate"]
