"""Refresh world.json from the npm package @svg-maps/world (``make map``).

Reads the package's index.js (``export default {...}``: each country's outline as an SVG
path of relative moves and lines, ``m x,y dx,dy … z``) and writes each country's rings as
absolute points rounded to 0.5 of the map's 1010 units (finer than a pixel at any size the
explainers show it), points that round alike merged, by ISO code.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def rings(path: str) -> list[list[float]]:
    found, x, y, start = [], 0.0, 0.0, (0.0, 0.0)
    for part in re.split(r"(?=[mM])", path.strip()):
        if not part:
            continue
        numbers = [float(n) for n in NUMBER.findall(part)]
        absolute = part[0] == "M"
        ring = []
        x, y = start if found else (0.0, 0.0)
        for i in range(0, len(numbers) - 1, 2):
            dx, dy = numbers[i], numbers[i + 1]
            if absolute and i == 0:
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            point = [round(x * 2) / 2, round(y * 2) / 2]
            if ring[-2:] != point:  # points closer than the rounding are one
                ring += point
        start = (x, y) if not ring else (ring[0], ring[1])
        found.append(ring)
    return found


def main(package: Path, out: Path) -> None:
    text = (package / "index.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("{"):text.rindex("}") + 1])
    countries = {item["id"].upper(): rings(item["path"]) for item in data["locations"]}
    out.write_text(json.dumps({"viewBox": data["viewBox"], "countries": countries},
                              separators=(",", ":"), sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
