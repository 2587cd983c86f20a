"""Re-encode a notebook's stored PNG outputs losslessly (same pixels, smaller files).

matplotlib writes PNGs quickly rather than small; a lesson with many figures can pass the 2 MB
limit of tests/test_repo_hygiene.py. This decodes every ``image/png`` output and re-encodes it
with Pillow's ``optimize=True``, keeping it only when the pixels are identical and the file is
smaller, so the stored outputs still are the normal run's.

    .venv/bin/python tools/shrink_notebook_pngs.py notebooks/04_dcgan_mnist.ipynb [...]
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image


def shrink(png: bytes) -> bytes:
    """The same image as a smaller PNG, or ``png`` itself when re-encoding does not help.

    Tries the image as it is, without an alpha channel that is opaque everywhere, in grey when
    every pixel is grey, and with a palette when it has at most 256 colours; keeps the smallest
    encoding whose pixels (as RGBA) equal the original's.
    """
    image = Image.open(io.BytesIO(png))
    image.load()
    reference = np.asarray(image.convert("RGBA"))
    candidates = [image, image.convert("RGB"), image.convert("L")]
    if len(np.unique(reference.reshape(-1, 4), axis=0)) <= 256:
        candidates.append(
            image.convert("RGBA").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        )
    best = png
    for candidate in candidates:
        buffer = io.BytesIO()
        candidate.save(buffer, format="PNG", optimize=True)
        encoded = buffer.getvalue()
        decoded = np.asarray(Image.open(io.BytesIO(encoded)).convert("RGBA"))
        if len(encoded) < len(best) and np.array_equal(decoded, reference):
            best = encoded
    return best


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        notebook = json.loads(text)
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/png" in data:
                    raw = data["image/png"]
                    encoded = "".join(raw) if isinstance(raw, list) else raw
                    png = base64.b64decode(encoded)
                    data["image/png"] = base64.b64encode(shrink(png)).decode("ascii")
        new = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        path.write_text(new, encoding="utf-8")
        print(f"{path}: {len(text.encode()):,} -> {len(new.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
