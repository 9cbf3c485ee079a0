"""Forum models: categories, threads and threaded posts (issue 4)."""
