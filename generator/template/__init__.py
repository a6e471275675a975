"""A format's Word template as docxtpl reads it: the file checked and cleaned into Jinja
source once per process (`source.py`), and which data keys that source reads (`use.py`)."""
