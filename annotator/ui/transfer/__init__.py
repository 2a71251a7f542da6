"""Moving things in and out of a project: documents, annotations, exports and corrected texts."""
