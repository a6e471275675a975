"""The yearly cycle: build records and overwrite protection, batches, diff, revision note, rollover, init."""
