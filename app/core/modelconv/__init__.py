"""The MiniFASNet anti-spoof converter: a PyTorch state dict to ONNX without torch, checked against numpy."""
