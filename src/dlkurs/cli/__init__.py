"""The `dlkurs` command. Thin: parses, delegates, prints.

Heavy libraries (TensorFlow, Keras, nbclient) are imported inside the commands
that need them, so that `dlkurs --help` answers at once.
"""

from dlkurs.cli.app import app, main

__all__ = ["app", "main"]
