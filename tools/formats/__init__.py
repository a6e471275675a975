"""One module per shipped format; each has FORMAT_ID and build() returning a python-docx Document."""
