"""Workbooks and PDFs: the 自评表 out to Excel and back, one summary across units, PDF conversion."""
