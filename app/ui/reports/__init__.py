"""The Reports page (report, work schedule, review queue, corrections) and the Today board."""
