"""Policy: roles, PINs and sessions (access), passphrase strength, the text rules for names and IDs."""
