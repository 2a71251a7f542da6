"""Tag suggestions: the outlines and keys in the document view (layer) and the batch and settings dialogs (batch)."""
