"""The formats shipped with jixiao, one folder each; installed as package data `generator.formats_builtin`."""
