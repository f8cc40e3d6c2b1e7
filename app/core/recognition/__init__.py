"""Open-set recognition decisions: calibrated thresholds (calibration.py, gallery.py, tail.py) and the one
decision rule (decision.py) that the kiosk, `faceattend identify`, the duplicate check and the benches use."""
