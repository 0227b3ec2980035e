"""Randomised incident bundles with known true milestones, for ``milestones_accuracy.py``."""
