"""pyproject.toml lists every package of generator/, and the shipped formats as package data."""

import tomllib

from conftest import ROOT


def test_every_subpackage_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "generator").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= set(config["packages"]), (
        f"add to [tool.setuptools] packages: {found - set(config['packages'])}"
    )
    assert config["package-dir"] == {"generator.formats_builtin": "templates"}
    assert (ROOT / "templates" / "__init__.py").is_file()


def test_builtin_formats_are_read_as_package_data():
    from importlib import resources

    from generator.data.formats import BUILTIN, available

    try:
        assert BUILTIN == resources.files("generator.formats_builtin")
    except ModuleNotFoundError:  # not installed: the checkout's own folder
        assert BUILTIN == ROOT / "templates"
    assert {
        "standard",
        "beijing-chaoyang",
        "town-summary",
        "henan-pingdingshan",
        "hebei-qiaoxi",
        "chongqing-bishan",
    } <= set(available())
