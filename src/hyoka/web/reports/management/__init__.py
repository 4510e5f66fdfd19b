"""Management commands behind `hyoka users`, `hyoka token` and `make run`."""
