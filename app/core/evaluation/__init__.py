"""Benchmark protocols (LFW verification, open-set identification) and the dlib reference pipeline."""
