"""Benchmarks of the quarterly refresh against its reference lower bound and a pandas peer
(`python -m benchmarks.run`, `make bench`)."""
