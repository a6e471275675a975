"""The yearly cycle: build records and overwrite protection, batches, diff, revision note, rollover, init.

Nothing is imported here: the command line reads DEFAULT_OUTPUT for its help without loading
the cycle's modules.
"""

from pathlib import Path

DEFAULT_OUTPUT = Path("output")
