"""Adds up every step's results: the JUnit reports of pytest and Schemathesis, and the one-line
checks. Prints each step, then one line 'N passed, N failed, N skipped'. Exits 1 on a failure."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

reports = Path(sys.argv[1])
passed = failed = skipped = 0
for xml in sorted(reports.glob("*.xml")):
    step = {"passed": 0, "failed": 0, "skipped": 0}
    for case in ET.parse(xml).iter("testcase"):
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            step["failed"] += 1
        elif "skipped" in outcome:
            step["skipped"] += 1
        else:
            step["passed"] += 1
    # Worded so that only the total reads as the 'N passed, N failed' line.
    print(
        f"{xml.stem}: passed {step['passed']}, failed {step['failed']}, skipped {step['skipped']}"
    )
    passed += step["passed"]
    failed += step["failed"]
    skipped += step["skipped"]
checks = reports / "checks.txt"
for line in checks.read_text().splitlines() if checks.exists() else []:
    print(line)
    if line.endswith(" passed"):
        passed += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
