"""`jixiao serve`: a local web page over the same library the command line drives.

Layers: `safety` (paths, uploads, cross-site checks), `units` (what the pages show about a
unit, read through the library), `jobs` (build-all in the background), `routes_*` (one module
per page group), `app` (the Flask application), `serve` (the server and the browser).
"""
