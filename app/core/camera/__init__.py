"""Frame sources: cameras, video files, the demo camera, network cameras and their credentials."""
