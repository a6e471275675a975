"""Free Simplified-Chinese faces for the official ones, by role, as a LibreOffice replacement table.

A report names the faces a 财政局 expects: a Song title face (方正小标宋简体), 仿宋_GB2312 body text,
黑体 and 楷体_GB2312 headings. Where the machine lacks one, LibreOffice replaces it by the first
installed free face of the same role, never by a Japanese, Korean or Traditional-Chinese form
(Debian: fonts-noto-cjk for Noto Serif/Sans CJK SC, fonts-lxgw-wenkai for LXGW WenKai).

No free 仿宋 with Simplified forms is packaged on its own (Fandol Fang comes only with TeX Live's
Chinese collection; cwTeX 仿宋 has Traditional forms): the body then takes the Song face, the
closest printed form, when FandolFang is not installed.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SONG = ("Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "AR PL UMing CN")
SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "思源黑体")
KAI = ("LXGW WenKai", "霞鹜文楷", "AR PL UKai CN", "FandolKai")
FANG = ("FandolFang", *SONG)

# role: (the official faces a report or workbook may name, free faces to use, best first)
ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "标题宋体": (
        (
            "方正小标宋简体",
            "方正小标宋_GBK",
            "小标宋",
            "华文中宋",
            "宋体",
            "SimSun",
            "新宋体",
            "NSimSun",
        ),
        SONG,
    ),
    "仿宋": (
        ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "华文仿宋"),
        FANG,
    ),
    "黑体": (("黑体", "SimHei", "方正黑体_GBK", "华文黑体", "微软雅黑", "Microsoft YaHei"), SANS),
    "楷体": (("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "华文楷体"), KAI),
}


def substitutes(names: list[str] | set[str], have: frozenset[str]) -> dict[str, str]:
    """Each named official face the machine lacks -> the free face of its role it has (if any)."""
    out: dict[str, str] = {}
    for officials, free in ROLES.values():
        face = next((f for f in free if f.lower() in have), None)
        for name in names:
            if name in officials and name.lower() not in have and face is not None:
                out[name] = face
    return out


def replacement_table(have: frozenset[str] | None) -> dict[str, str]:
    """Every official face this machine lacks -> its substitute (empty when fonts can't be listed)."""
    if have is None:
        return {}
    return substitutes({n for officials, _ in ROLES.values() for n in officials}, have)


def registry(table: dict[str, str]) -> str:
    """registrymodifications.xcu turning LibreOffice's replacement table on, with `table`.

    "Always": LibreOffice applies only such entries (ImplDirectFontSubstitution); the table holds
    only faces the machine lacks, so an installed official face is still used.
    """
    pairs = "".join(
        f'<node oor:name="jixiao{i}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(official)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(free)}</value></prop>'
        "</node>"
        for i, (official, free) in enumerate(sorted(table.items()))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>\n'
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{pairs}</item>\n'
        "</oor:items>\n"
    )


def write_profile(profile: Path, table: dict[str, str]) -> None:
    """Put the replacement table into a LibreOffice user profile (made before LibreOffice starts)."""
    if not table:
        return
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(registry(table), encoding="utf-8")
