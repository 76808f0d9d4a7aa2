"""The hub tests: a package, so that its conftest.py is not confused with tests/conftest.py."""
