"""Services: the rules of the API (auth, conflicts, tombstones, search), over the repository."""
