"""A generated home program of any size, for the import and report benchmark.

    python benchmarks/large_program.py 5000 > big.toml

Two children, five routines, and ``goals`` goals of two strategies each, spread over
the children and routines, in the format ``family-tui import`` reads.
"""

from __future__ import annotations

import sys

ROUTINES = (
    ("breakfast", "Breakfast", "07:15", None),
    ("dressing", "Getting dressed", "07:45", ["mon", "tue", "wed", "thu", "fri"]),
    ("play", "Play time", "16:00", None),
    ("bath", "Bath time", "18:30", None),
    ("bedtime", "Bedtime book", "19:30", ["sat", "sun"]),
)
DISCIPLINES = ("SLP", "OT", "PT")


def program_toml(goals: int) -> str:
    lines = ['format = "family-tui/program@1"', ""]
    for child_id, name in (("ada", "Ada"), ("ben", "Ben")):
        lines += ["[[children]]", f'id = "{child_id}"', f'name = "{name}"', ""]
    lines += ["[[caregivers]]", 'name = "Mom"', ""]
    for routine_id, name, at, days in ROUTINES:
        lines += ["[[routines]]", f'id = "{routine_id}"', f'name = "{name}"', f'time = "{at}"']
        if days:
            lines.append("days = [" + ", ".join(f'"{d}"' for d in days) + "]")
        lines.append("")
    for n in range(goals):
        child = "ada" if n % 2 == 0 else "ben"
        lines += [
            "[[goals]]",
            f'id = "goal-{n}"',
            f'child = "{child}"',
            f'discipline = "{DISCIPLINES[n % 3]}"',
            f'title = "Goal number {n}"',
            'target = "4 of 5 tries"',
            "",
        ]
        for k in range(2):
            first, second = ROUTINES[(n + k) % 5][0], ROUTINES[(n + k + 2) % 5][0]
            lines += [
                "  [[goals.strategies]]",
                f'  id = "strategy-{n}-{k}"',
                f'  title = "Strategy {k} for goal {n}"',
                '  how = "Show it, then wait for a try."',
                "  minutes = 2",
                f'  routines = ["{first}", "{second}"]',
                "",
            ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(program_toml(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
