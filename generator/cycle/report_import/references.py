"""A number the report's text writes where `check` reads another figure as its subject (“全部资金
支出994.07万元中只有667.92万元列入决算”: 667.92 is not 全部资金支出) becomes a {reference} to the
figure it equals, so the draft builds and says the same: the reference prints the very digits.
Where several figures equal it, the one the sentence names wins, else the first the unit computes."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from generator.checks.prose import ALIASES, prose_places, typed_numbers
from generator.evaluate import evaluate


def _named(sentence: str, name: str) -> bool:
    return name in sentence or any(a in sentence for a, n in ALIASES.items() if n == name)


def refer_mistaken_numbers(target: Path, text: str) -> tuple[str, list[str]]:
    """The draft's text with each such number referred; and what was changed, for the summary."""
    unit = evaluate(target, raw=text.encode("utf-8")).computed
    wrong = [t for t in typed_numbers(unit) if t[3] != t[4]]
    if not wrong:
        return text, []
    doc = tomlkit.parse(text)
    places = {path: (holder, at) for path, holder, at in prose_places(doc)}
    changed = []
    for path, shown, name, _, _ in wrong:
        # a plain string item is read as a topic of one paragraph: “子项[2]” is “子项[2].内容[1]”
        place = places.get(path) or places.get(path.removesuffix(".内容[1]"))
        if place is None:
            continue
        holder, at = place
        sentence = str(holder[at])
        digits = shown.rstrip("%万元分").strip()
        kind = unit.figures[name].kind
        equal = [
            n
            for n, fig in unit.figures.items()
            if fig.kind == kind and n != name and unit.display(n) == digits
        ]
        if not equal or sentence.count(shown) != 1:
            continue  # nothing prints these digits, or the sentence writes them twice
        chosen = next((n for n in equal if _named(sentence, n)), equal[0])
        holder[at] = sentence.replace(shown, "{" + chosen + "}" + shown[len(digits) :].strip(), 1)
        changed.append(f"{path}：“{shown}”改为引用 {{{chosen}}}")
    return tomlkit.dumps(doc), changed
