"""Building reports into the output folder: one unit (`unit.py`), a batch in parallel
(`batch.py`), the record of each build and the protection of hand-edited reports (`records.py`,
`edits.py`, `folder_settings.py`).

Nothing is imported here: the command line reads DEFAULT_OUTPUT for its help without loading
the build's modules.
"""

from pathlib import Path

DEFAULT_OUTPUT = Path("output")
OUTPUT_RULE = "数据所在文件夹中的 output/"  # where reports go when no -o is given; the page too


def data_output(first: str | Path) -> Path:
    """Where reports go by default: the output/ folder beside the data (in the folder given, or
    in the folder of the file given). `jixiao build`, `jixiao diff` and the page use this rule."""
    path = Path(first)
    folder = path if path.is_dir() else path.parent
    return folder / DEFAULT_OUTPUT
