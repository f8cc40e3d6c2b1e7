"""Repository: the only code in `cloud/` that builds SQL. Plain functions over a Session."""
