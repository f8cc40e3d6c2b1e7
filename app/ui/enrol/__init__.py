"""The Enrol page: camera enrolment and the bulk import dialog."""
