"""The work schedule: shifts, holidays, the time zone."""
