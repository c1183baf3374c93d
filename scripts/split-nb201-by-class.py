#!/usr/bin/env python3
"""Split NB201's 15,625 cells into N arch files with whole isomorphism classes in each, so that
`nassharp proxies --arch-file` runs on N cores compute every distinct network exactly once.

The key mirrors Nb201Cell.IsomorphismKey (src/NasSharp.Core/SearchSpaces/Nb201/Nb201Cell.cs).
Usage: split-nb201-by-class.py NB201_CSV N OUT_PREFIX   (writes OUT_PREFIX0.txt ... OUT_PREFIX{N-1}.txt)
"""
import csv
import sys


def isomorphism_key(arch: str) -> str:
    edges = [tok.split("~")[0] for part in arch.strip("|").split("|+|") for tok in part.split("|")]
    node = ["0", "", "", ""]
    edge = 0
    for i in range(1, 4):
        terms = []
        for j in range(i):
            op = edges[edge]
            edge += 1
            if op == "none" or node[j] == "#":
                terms.append("#")
            elif op == "skip_connect":
                terms.append(node[j])
            else:
                terms.append(f"({node[j]})@{op}")
        terms.sort()
        node[i] = "+".join(terms)
    return node[3]


def main() -> None:
    table, parts, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(table, newline="") as f:
        archs = [row["arch_str"] for row in csv.DictReader(f)]
    classes: dict[str, list[str]] = {}
    for arch in archs:
        classes.setdefault(isomorphism_key(arch), []).append(arch)
    # Classes dealt round-robin in key order: every part gets about the same number of networks.
    files = [[] for _ in range(parts)]
    for i, key in enumerate(sorted(classes)):
        files[i % parts].extend(classes[key])
    for p, lines in enumerate(files):
        with open(f"{prefix}{p}.txt", "w") as out:
            out.write("\n".join(lines) + "\n")
    print(f"{len(archs)} cells, {len(classes)} classes, {parts} parts of "
          + "/".join(str(len(f)) for f in files) + " cells")


if __name__ == "__main__":
    main()
