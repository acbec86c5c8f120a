"""Benchmarks: a learner's code in autograd_nn, in numpy by hand and in the peers (README.md)."""
