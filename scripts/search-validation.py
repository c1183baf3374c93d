#!/usr/bin/env python3
"""The search metric's view of search.json files: per strategy, the mean ± sample std over runs of the best search
value (the incumbent's validation accuracy) at 10, 30, 50, 100 and 150 queries. On ImageNet16-120 the best cell by validation is not the best
by test (SEARCH.md §2), so the test view alone can rank a better search lower. Usage: search-validation.py FILE..."""
import json, statistics, sys

budgets = (10, 30, 50, 100, 150)
print("| file | strategy | " + " | ".join(f"best validation @{b}" for b in budgets) + " |")
print("|---|---|" + "---|" * len(budgets))
for path in sys.argv[1:]:
    doc = json.load(open(path))
    sign = -1 if doc["config"]["Oracle"]["LowerIsBetter"] else 1
    for strategy in doc["config"]["Strategies"]:
        runs = [r for r in doc["runs"] if r["strategy"] == strategy]
        cells = []
        for b in budgets:
            best = [sign * max(sign * p["search_value"] for p in r["trajectory"][:b]) for r in runs]
            cells.append(f"{statistics.mean(best):.3f} ± {statistics.stdev(best) if len(best) > 1 else 0:.3f}")
        print(f"| {path} | {strategy} | " + " | ".join(cells) + " |")
