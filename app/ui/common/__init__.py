"""Shared widgets, background workers and text helpers used by every page."""
