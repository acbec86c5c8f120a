"""The course's computation graph J(a, b, c) = 3(a + bc), forward and backward.

Run: ``python examples/computation_graph.py [--quick] [--output-dir DIR]``

What to notice:

* the forward pass goes left to right in three steps, u = bc, v = a + u, J = 3v, and with
  a = 5, b = 3, c = 2 gives u = 6, v = 11, J = 33;
* the backward pass goes right to left (red arrows), one chain-rule step per edge:
  dJ/dv = 3, dJ/du = dJ/dv * dv/du = 3, dJ/da = 3, dJ/db = dJ/du * c = 6,
  dJ/dc = dJ/du * b = 9;
* dJ/db uses the *value* of c and dJ/dc the value of b: backward needs the numbers the
  forward pass computed (the course's "cache");
* a derivative is a rate: nudging a by 0.001 moves J by about 3 * 0.001.

Pictures written: ``forward.png``, ``backward.png``, ``both.png`` and, step by step, the
backward pass one node at a time (``steps/backward-01.png`` ...).
"""

from __future__ import annotations

from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import Tensor, reference, viz

NAME = "computation_graph"


def J_of(a: float, b: float, c: float) -> float:
    """J(a, b, c) = 3(a + bc) with plain floats, to nudge the inputs."""
    return 3 * (a + b * c)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)

    # Forward pass, left to right: every operation is recorded in the graph.
    a = Tensor(5.0, name="a")
    b = Tensor(3.0, name="b")
    c = Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    names = {"a": a, "b": b, "c": c, "u": u, "v": v, "J": J}

    print("Forward pass (left to right):")
    print(viz.explain_forward(J, names=names))

    # Backward pass, right to left: the chain rule, one edge at a time.
    J.backward()
    print("\nBackward pass (right to left), the chain rule edge by edge:")
    print(viz.explain(J, names=names))

    print("\nGradients of the inputs:")
    print(f"dJ/da = {a.grad:g}, dJ/db = {b.grad:g}, dJ/dc = {c.grad:g}")

    # The same numbers by hand, as the course derives them.
    by_hand = reference.computation_graph_example(5.0, 3.0, 2.0)
    agree = (
        float(a.grad) == by_hand["da"]
        and float(b.grad) == by_hand["db"]
        and float(c.grad) == by_hand["dc"]
    )
    print(
        f"By hand (the course): da = {by_hand['da']:g}, db = {by_hand['db']:g}, "
        f"dc = {by_hand['dc']:g}: {'the same' if agree else 'DIFFERENT'}"
    )

    # A derivative is a rate: nudge one input and watch J move.
    epsilon = 0.001
    print(f"\nNudging each input by {epsilon}:")
    for name, nudged, grad in (
        ("a", (5.0 + epsilon, 3.0, 2.0), a.grad),
        ("b", (5.0, 3.0 + epsilon, 2.0), b.grad),
        ("c", (5.0, 3.0, 2.0 + epsilon), c.grad),
    ):
        change = J_of(*nudged) - J_of(5.0, 3.0, 2.0)
        print(
            f"  {name} + {epsilon}: J = {J_of(*nudged):.6f}, J moved by {change:.6f} "
            f"= about dJ/d{name} * {epsilon} = {float(grad) * epsilon:.6f}"
        )

    # Pictures: forward (values), backward (gradients, red), both; then frame by frame.
    written = [
        viz.save(J, output_dir / "forward.png", mode="forward", names=names),
        viz.save(J, output_dir / "backward.png", mode="backward", names=names),
        viz.save(J, output_dir / "both.png", mode="both", names=names),
    ]
    steps_dir = output_dir / "steps"
    steps_dir.mkdir(exist_ok=True)
    written += viz.save_frames(J, steps_dir, fmt="png", names=names)

    print("\nWhat to notice:")
    print("  - forward.png: values flow left to right, u = 6, v = 11, J = 33.")
    print("  - backward.png: gradients flow right to left (red); each edge multiplies by a")
    print("    local derivative: dJ/db = dJ/du * du/db = 3 * c = 6 uses c's forward value.")
    print("  - steps/: the order the engine ran the backward pass, J first, leaves last.")
    print(f"\nWrote {len(written)} pictures to {output_dir}:")
    for path in written:
        print(f"  {path}")


if __name__ == "__main__":
    main()
