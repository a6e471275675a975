"""Write templates/<format-id>/template.docx for every builder in tools/formats/."""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from datetime import datetime  # noqa: E402

import formats  # noqa: E402

from generator.report.render import normalise_zip  # noqa: E402


def main(only: list[str]) -> None:
    for info in pkgutil.iter_modules(formats.__path__):
        module = importlib.import_module(f"formats.{info.name}")
        if only and module.FORMAT_ID not in only:
            continue
        target = HERE.parent / "templates" / module.FORMAT_ID / "template.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        doc = module.build()
        doc.core_properties.created = doc.core_properties.modified = datetime(2024, 1, 1)
        buf = io.BytesIO()
        doc.save(buf)
        target.write_bytes(normalise_zip(buf.getvalue()))
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
