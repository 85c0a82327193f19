#!/usr/bin/env python3
"""Fills translations into a Qt .ts file from a TSV of `source<TAB>translation` lines.

Plural (numerus) translations separate their forms with ` || `. A line may start with
`Context::` before the source to target one context. Only entries still unfinished are
changed unless --force. Usage: ts-fill.py FILE.ts TRANSLATIONS.tsv [--force]
"""
import sys
import xml.etree.ElementTree as ET


def load(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or "\t" not in line:
                continue
            source, translation = line.split("\t", 1)
            source = source.replace("\\n", "\n")
            translation = translation.replace("\\n", "\n")
            table[source] = translation
    return table


def main():
    ts_path, tsv_path = sys.argv[1], sys.argv[2]
    force = "--force" in sys.argv
    table = load(tsv_path)
    tree = ET.parse(ts_path)
    filled = missing = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation.get("type") != "unfinished" and not force:
                continue
            text = table.get(f"{name}::{source}", table.get(source))
            if text is None:
                missing += 1
                continue
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                translation.text = None
                for form in text.split(" || "):
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    ET.indent(tree, space="    ")
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    print(f"{ts_path}: {filled} filled, {missing} still without a translation")


if __name__ == "__main__":
    main()
