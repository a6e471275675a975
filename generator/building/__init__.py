"""Building reports into the output folder: one unit (`unit.py`), a batch in parallel
(`batch.py`), the record of each build and the protection of hand-edited reports (`records.py`,
`edits.py`, `folder_settings.py`).

Nothing is imported here: the command line reads DEFAULT_OUTPUT for its help without loading
the build's modules.
"""

from pathlib import Path

DEFAULT_OUTPUT = Path("output")
