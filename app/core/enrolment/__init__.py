"""Enrolment: the camera capture session, template averaging, the save path shared with the bulk import."""
