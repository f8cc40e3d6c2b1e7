"""People: privacy (retention, erasure, consent, the GDPR export)."""
