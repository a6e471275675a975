"""The data contract: the unit model and its Chinese keys, validation, loading, district formats."""
