"""Pictures and words for the computation graph: diagrams, the chain rule, a step-through player.

>>> from autograd_nn import Tensor
>>> from autograd_nn import viz
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.backward()
>>> print(viz.explain(J, names=locals()).splitlines()[-1])
dJ/dc = dJ/du * du/dc = 3 * b = 3 * 3 = 9

``viz.draw(J, "backward", names=locals())`` returns a ``graphviz.Digraph`` (shown inline in
Jupyter) with the chain rule on every edge (``3 × c = 3 × 2 = 6``); ``viz.save(J, "j.svg",
mode="backward")`` writes a file; ``viz.save_frames(J, "steps")`` writes the backward pass one
edge at a time; ``viz.player(J)`` steps through the forward and the backward pass in a
notebook or in one self-contained HTML file (``.save("backprop.html")``). This package only
reads the recorded graph.

Modules: :mod:`.render` (the pictures), :mod:`.chain_rule` (the words), :mod:`.replay` (the
backward pass edge by edge, shared by both), :mod:`.frames`, :mod:`.forward`, :mod:`.film` and
:mod:`.player` (step by step, on the page shell :mod:`.page`), :mod:`.naming` and
:mod:`.labels` (how nodes and values are written), :mod:`.markup` (Graphviz labels),
:mod:`.broadcast` (the sum that undoes a broadcast), :mod:`.output` (files and the ``dot``
program), :mod:`.options` (the arguments every function shares, checked once).
"""

from .chain_rule import ChainStep, chain_steps, explain, explain_forward, explain_gradients
from .film import MOST_NODES, GraphTooBigError
from .frames import backward_frames, save_frames
from .options import DETAILS, GRAD_NAMES, MODES
from .output import FORMATS, INSTALL_HINT, GraphvizMissingError
from .player import Player, player
from .render import Diagram, draw, save
from .training_player import TrainingPlayer, training_player

__all__ = [
    "DETAILS",
    "FORMATS",
    "GRAD_NAMES",
    "INSTALL_HINT",
    "MODES",
    "MOST_NODES",
    "ChainStep",
    "Diagram",
    "GraphTooBigError",
    "GraphvizMissingError",
    "Player",
    "TrainingPlayer",
    "backward_frames",
    "chain_steps",
    "draw",
    "explain",
    "explain_forward",
    "explain_gradients",
    "player",
    "save",
    "save_frames",
    "training_player",
]
