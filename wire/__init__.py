"""The wire format shared by the desktop app and the cloud service (neither imports the other)."""
