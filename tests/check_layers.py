#!/usr/bin/env python3
"""Fails when a file includes a layer above its own (ARCHITECTURE.md):
dependencies point down only — core ← i18n/domain ← store ← app ← web ← cli."""
import pathlib
import re
import sys

# The layers each folder may include, besides itself.
ALLOWED = {
    "core": set(),
    "i18n": {"core"},
    "domain": {"core"},
    "store": {"core", "domain"},
    "delivery": {"core", "domain", "i18n"},
    "app": {"core", "domain", "store", "i18n", "delivery"},
    "web": {"core", "domain", "app", "i18n", "store"},
    "cli": {"core", "domain", "store", "app", "i18n", "web", "delivery"},
}
# web/ may name store/ types that app/ returns (e.g. store::AuditRow) but
# never run SQL: it must not include the database headers.
FORBIDDEN_IN_WEB = {"store/database.h"}

src = pathlib.Path(sys.argv[1])
problems = []
for path in sorted(src.rglob("*")):
    if path.suffix not in (".h", ".cpp"):
        continue
    layer = path.relative_to(src).parts[0]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r'\s*#include\s+"([a-z_]+)/([^"]+)"', line)
        if not m:
            continue
        target = m.group(1)
        if target != layer and target not in ALLOWED.get(layer, set()):
            problems.append(f"{path}:{n}: {layer}/ must not include {target}/ ({m.group(0).strip()})")
        if layer == "web" and f"{target}/{m.group(2)}" in FORBIDDEN_IN_WEB and not path.name.startswith("web_context"):
            problems.append(f"{path}:{n}: web/ must not use the database directly")
        if layer == "domain" and re.search(r"soci|boost/beast|spdlog", line):
            problems.append(f"{path}:{n}: domain/ does no I/O")
for p in problems:
    print(p)
print(f"layering: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
