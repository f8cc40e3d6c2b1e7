"""Persistence: tables, engine and sessions, versioned migrations."""
