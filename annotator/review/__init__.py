"""Comparing annotators, agreement measures and adjudication into an agreed version."""
