"""Exchange formats: one module per format, all listed in `registry`."""
