"""Reviewing work together: compare, curate, merge, share and the agreement report."""
