"""The last line of `make test`: how many tests passed, failed and were skipped, and how long
the whole command took (setting up included).

    python tests/tools/summary.py JUNIT_XML START_EPOCH_SECONDS PYTEST_EXIT_CODE

JUNIT_XML is what `pytest --junitxml` wrote (pytest counts expected failures as skipped
there). The line keeps the shape of pytest's own closing line, so that whatever reads that
line reads this one too:

    ==== make test: 512 passed, 0 failed, 3 skipped in 431s (0:07:11) ====
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path


def counts(junit_xml: Path) -> dict[str, int] | None:
    """passed, failed (failures and errors) and skipped, summed over the test suites."""
    try:
        root = ET.parse(junit_xml).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {key: sum(int(s.get(key, 0)) for s in suites)
             for key in ("tests", "failures", "errors", "skipped")}
    failed = total["failures"] + total["errors"]
    return {"passed": total["tests"] - failed - total["skipped"], "failed": failed,
            "skipped": total["skipped"]}


def duration(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole}s ({whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d})"


def summary_line(found: dict[str, int] | None, seconds: float, exit_code: int) -> str:
    if found is None:
        what = f"pytest exited with {exit_code} before reporting any test"
    else:
        what = f"{found['passed']} passed, {found['failed']} failed"
        if found["skipped"]:
            what += f", {found['skipped']} skipped"
        if exit_code and not found["failed"]:
            what += f" (pytest exit code {exit_code})"
    return f"==== make test: {what} in {duration(seconds)} ===="


def main(argv: list[str]) -> int:
    junit_xml, start, exit_code = Path(argv[0]), float(argv[1]), int(argv[2])
    print(summary_line(counts(junit_xml), time.time() - start, exit_code), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
