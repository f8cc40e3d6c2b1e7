"""The admin pages: users and the audit log."""
