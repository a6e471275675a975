"""Workbooks written: the 自评表 of one unit, its figures, and the summary across units."""
