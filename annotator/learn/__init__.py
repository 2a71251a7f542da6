"""Tag suggestions learnt from the project's own tags, on this machine: candidate passages (sentences and
clauses), their features, a linear classifier per category and the "same text elsewhere" recommender.

Plain data in, plain data out: no Qt and no database here (services gather the tags and texts and store
what the user decides). scikit-learn is imported on first training, never when this package is imported,
so starting the program does not pay for it. Nothing here opens a network connection.
"""
