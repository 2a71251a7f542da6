"""Domain types and rules. No Qt, no SQL: everything here runs anywhere."""
