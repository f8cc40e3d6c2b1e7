"""FaceAttend: face-recognition enrolment and attendance for the desktop."""

__version__ = "0.1.0"
