#!/usr/bin/env python3
"""Turns the result tables nassharp prints (Spectre box drawing) in a log into Markdown tables, titles kept, for
docs/RESULTS.md. Usage: table-to-markdown.py LOG..."""
import sys

for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith("╭"):
            title = lines[i - 1].strip() if i > 0 else ""
            print(f"\n{path}: {title}\n")
            header = True
            for row in lines[i + 1:]:
                if row.startswith("╰"):
                    break
                if row.startswith("├"):
                    continue
                cells = [c.strip() for c in row.strip().strip("│").split("│")]
                print("| " + " | ".join(cells) + " |")
                if header:
                    print("|" + "---|" * len(cells))
                    header = False
