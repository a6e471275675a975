"""The yearly cycle around the reports: diff and revision note, rollover to the next year, init of
a new unit's file, and the 自评表 import."""
