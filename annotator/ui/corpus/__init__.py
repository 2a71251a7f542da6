"""The corpus as a whole: search, segments, statistics, judgment structure and the legal dictionary."""
