"""The data contract: the unit model and its Chinese keys, validation, loading, district formats."""

# What a clerk writes (and `rollover`/`init` put) where a value is still to be filled in.
TODO = "待填"
# The report's file name where no format sets 报告.文件名 (settings.DEFAULTS holds it).
DEFAULT_FILE_NAME = "{简称}{年度}年度部门整体支出绩效自评报告"
