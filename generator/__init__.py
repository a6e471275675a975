"""jixiao: annual 部门整体支出绩效自评报告 from one TOML file of facts per unit."""

__version__ = "0.1.0"
