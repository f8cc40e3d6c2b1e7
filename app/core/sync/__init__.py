"""Cloud sync on the desktop: the outbox, the sync loop (SyncService) and the HTTP client engine."""
