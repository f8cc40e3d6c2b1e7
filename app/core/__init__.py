"""The Qt-free core of FaceAttend: sources, vision stages, matching, storage, rules, reports, sync.

Nothing below this package may import Qt (tests/test_architecture.py enforces it).
"""
