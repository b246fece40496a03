#!/usr/bin/env python3
"""Fails when a message lacks its French (or English) text, when the two
catalogs differ in keys, when code or a template uses a literal key that
the catalog does not have, when a message uses a term the glossary
(po/glossary.tsv) says to avoid, or when French punctuation is not set
with a no-break space (« Résultat : », not « Résultat : » that a line may
break before)."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])


def read_po(path):
    entries, msgid, msgstr, state = {}, None, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, state = eval(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, state = eval(line[7:]), "str"
        elif line.startswith('"') and state == "id":
            msgid += eval(line)
        elif line.startswith('"') and state == "str":
            msgstr += eval(line)
    if msgid is not None:
        entries[msgid] = msgstr
    entries.pop("", None)
    return entries


en = read_po(root / "po" / "en.po")
fr = read_po(root / "po" / "fr.po")
problems = []
for key in sorted(set(en) | set(fr)):
    if not en.get(key):
        problems.append(f"en.po: no English for {key}")
    if not fr.get(key):
        problems.append(f"fr.po: no French for {key}")
    elif en.get(key) and set(re.findall(r"\{(\w+)[,}]", en[key])) != set(re.findall(r"\{(\w+)[,}]", fr[key])):
        problems.append(f"fr.po: placeholders of {key} differ from English")

# The glossary: one term per concept.
for number, line in enumerate((root / "po" / "glossary.tsv").read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip() or line.startswith("#"):
        continue
    lang, term, avoid, concept = line.split("\t")
    pattern = re.compile(avoid)
    for key, text in (fr if lang == "fr" else en).items():
        if m := pattern.search(text):
            problems.append(f"{lang}.po: {key} says “{m.group(0)}”: the glossary's term for {concept} is “{term}”")

# French typography: a no-break space (U+202F or U+00A0) before : ; ? ! and
# inside « », never an ordinary space (a line would break before the colon)
# nor none at all ("09:00" and "a:b" inside words are not punctuation).
NBSP = "\u202f\u00a0"
for key, text in fr.items():
    if re.search(r" [:;?!](\s|$)|« | »", text):
        problems.append(f"fr.po: {key} has an ordinary space before : ; ? ! or inside « »: use a no-break space")
    elif re.search(rf"[^\s{NBSP}][;?!](\s|$)|[^\s{NBSP}\d]:(\s|$)|«[^{NBSP}]|[^{NBSP}]»", text):
        problems.append(f"fr.po: {key} needs a no-break space before : ; ? ! and inside « »")

used = set()
for path in (root / "src").rglob("*.cpp"):
    text = path.read_text(encoding="utf-8")
    # Keys appear as string literals passed to the catalog or to an Error.
    for m in re.finditer(r'"([a-z_]+(?:\.[a-z0-9_]+)+)"', text):
        used.add((m.group(1), str(path)))
for path in (root / "templates").rglob("*.mustache"):
    for m in re.finditer(r"\{\{#t\}\}([a-z0-9_.]+)\{\{/t\}\}", path.read_text(encoding="utf-8")):
        used.add((m.group(1), str(path)))
# Literals that are not message keys: file names, headers, SQL (a column
# behind a one-letter table alias, "e.sequence"), routes.
NOT_KEYS = re.compile(r"\.(sql|json|mustache|css|js|h|cpp|png|db)$|^(rapport|boost|soci)\.|^[a-z]\.[a-z_]+$")
for key, where in sorted(used):
    if NOT_KEYS.search(key):
        continue
    if key not in en:
        problems.append(f"{where}: key {key} is not in po/en.po")

for p in problems:
    print(p)
print(f"catalogs: {len(en)} messages, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
