"""Workbooks read: a 自评表 found by its column names, imported into a unit file."""
