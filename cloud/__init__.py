"""FaceAttend reference cloud service: a shared face-template registry with incremental sync.

Only `wire.schemas` is meant to be imported by the desktop app.
"""
