"""The Settings page's parts (cloud sync)."""
