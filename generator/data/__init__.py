"""The data contract: the unit model and its Chinese keys, validation, loading, district formats."""

# What a clerk writes (and `rollover`/`init` put) where a value is still to be filled in.
TODO = "待填"
