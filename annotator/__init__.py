"""Judgment Annotator: tag passages of Chinese legal texts with a codebook, export and review them."""

__version__ = "0.1.0"
