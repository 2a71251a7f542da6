"""Working in the open document: editing tags, the find bar, reading preferences, undoing text steps."""
