#!/usr/bin/env python3
"""Prints the finished translations of a Qt .ts file as `Context::source<TAB>translation`
lines, the TSV that ts-fill.py reads (plural forms joined with ` || `).

Used when merging branches: take one side's .ts, run lupdate, then fill what is missing from
the other side's:  git show OTHER:translations/x.ts > /tmp/x.ts
                   scripts/ts-extract.py /tmp/x.ts > /tmp/x.tsv
                   scripts/ts-fill.py translations/x.ts /tmp/x.tsv
Usage: ts-extract.py FILE.ts
"""
import sys
import xml.etree.ElementTree as ET


def main():
    tree = ET.parse(sys.argv[1])
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if message.get("numerus") == "yes":
                text = " || ".join(f.text or "" for f in translation.iter("numerusform"))
            else:
                text = translation.text or ""
            if not text:
                continue
            source = message.findtext("source").replace("\n", "\\n")
            print(f"{name}::{source}\t{text.replace(chr(10), chr(92) + 'n')}")


if __name__ == "__main__":
    main()
