"""CLI sub-commands: one module per command group, each with `register(subparsers)`.

A command prints; it never computes anything the core does not already offer.
"""
