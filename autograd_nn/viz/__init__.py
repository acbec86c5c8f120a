"""Pictures and words for the computation graph: diagrams, the chain rule, step-by-step frames.

>>> from autograd_nn import Tensor
>>> from autograd_nn import viz
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.backward()
>>> print(viz.explain(J, names=locals()).splitlines()[-1])
dJ/dc = dJ/du * du/dc = 3 * b = 3 * 3 = 9

``viz.draw(J, "backward", names=locals())`` returns a ``graphviz.Digraph`` (shown inline in
Jupyter); ``viz.save(J, "j.svg", mode="backward")`` writes a file; ``viz.save_frames(J, "steps")``
writes the backward pass one node at a time. This package only reads the recorded graph.
"""

from .chain_rule import ChainStep, chain_steps, explain, explain_forward, explain_gradients
from .frames import backward_frames, save_frames
from .render import MODES, Diagram, GraphvizMissingError, draw, save

__all__ = [
    "MODES",
    "ChainStep",
    "Diagram",
    "GraphvizMissingError",
    "backward_frames",
    "chain_steps",
    "draw",
    "explain",
    "explain_forward",
    "explain_gradients",
    "save",
    "save_frames",
]
