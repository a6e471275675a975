"""The report: template context (no arithmetic), rendering, deterministic writing."""
