"""A small family built directly from the models, with dates worked out by hand.

Calendar used throughout (2026):

    Mon 16 Nov ... Sun 22 Nov   ISO week 2026-W47
    Mon 23 Nov ... Sun 29 Nov   ISO week 2026-W48

Routines: breakfast (every day), school-run (Mon-Fri), bath (every day),
park (Saturdays only).

Leo (child "leo"):
  goal "leo-s"      SLP, created None (always there)
      strategy "snake"   in breakfast + bath, uses trials   -> 2 items every day
      strategy "s-cards" in school-run                     -> 1 item Mon-Fri
  goal "leo-stairs" PT, created Thu 26 Nov 2026 (added mid-way)
      strategy "step"    in bath                            -> 1 item every day from Thu 26

Mia (child "mia"):
  goal "mia-grasp"  OT, created None
      strategy "pencil"  in school-run                      -> Mon-Fri only (f = 5/7)
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from family_tui.domain.models import (
    Assistance,
    Caregiver,
    Child,
    Discipline,
    Goal,
    Note,
    NoteKind,
    PracticeEntry,
    PracticeStatus,
    Program,
    Routine,
    Setting,
    SkipDay,
    SkipReason,
    Strategy,
    Weekday,
    Win,
)

WEEKDAYS = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]

MON16 = date(2026, 11, 16)
MON23 = date(2026, 11, 23)
TUE24, WED25, THU26, FRI27, SAT28, SUN29 = (MON23 + timedelta(days=i) for i in range(1, 7))
MON30 = date(2026, 11, 30)


def day(n: int) -> date:
    """Day ``n`` of November 2026."""
    return date(2026, 11, n)


def program(*, leo_name: str = "Leo", extra_goals=(), extra_strategies=()) -> Program:
    return Program(
        children=[Child(id="leo", name=leo_name), Child(id="mia", name="Mia", color="magenta")],
        caregivers=[Caregiver(id="mom", name="Mom"), Caregiver(id="grandpa", name="Grandpa Joe")],
        routines=[
            Routine(id="breakfast", name="Breakfast", time=time(7, 30)),
            Routine(id="school-run", name="School run", time=time(8, 15), days=WEEKDAYS),
            Routine(id="bath", name="Bath time", time=time(19, 0)),
            Routine(id="park", name="Park", time=time(10, 0), days=[Weekday.SAT]),
        ],
        goals=[
            Goal(
                id="leo-s",
                child="leo",
                discipline=Discipline.SLP,
                title="Says /s/ at the start of words",
                target="4 of 5 tries with no reminder",
            ),
            Goal(
                id="leo-stairs",
                child="leo",
                discipline=Discipline.PT,
                title="Climbs stairs with alternating feet",
                created=THU26,
            ),
            Goal(id="mia-grasp", child="mia", discipline=Discipline.OT, title="Tripod pencil grasp"),
            *extra_goals,
        ],
        strategies=[
            Strategy(id="snake", goal="leo-s", title="Snake sound", routines=["breakfast", "bath"], uses_trials=True),
            Strategy(id="s-cards", goal="leo-s", title="S picture cards", routines=["school-run"]),
            Strategy(id="step", goal="leo-stairs", title="One foot per step", routines=["bath"]),
            Strategy(id="pencil", goal="mia-grasp", title="Pinch the pencil", routines=["school-run"]),
            *extra_strategies,
        ],
    )


def entry(
    on: date,
    strategy: str,
    routine: str,
    *,
    child: str = "leo",
    minutes: int = 3,
    assistance: Assistance | None = None,
    setting: Setting = Setting.HOME,
    trials: tuple[int, int] | None = None,
    status: PracticeStatus = PracticeStatus.DONE,
    caregiver: str | None = None,
    note: str = "",
) -> PracticeEntry:
    stamp = datetime.combine(on, time(8, 0))
    return PracticeEntry(
        date=on,
        child=child,
        strategy=strategy,
        routine=routine,
        status=status,
        assistance=assistance,
        setting=setting,
        caregiver=caregiver,
        minutes=minutes,
        trials_correct=trials[0] if trials else None,
        trials_total=trials[1] if trials else None,
        note=note,
        created_at=stamp,
        updated_at=stamp,
    )


M, V, VIS = Assistance.MODEL, Assistance.VERBAL, Assistance.VISUAL


def leo_week_entries() -> list[PracticeEntry]:
    """Leo, weeks W47 and W48. Minutes per day in W48: Mon 3, Wed 10, Thu 8, Fri 2, Sat 16.

    W47: Mon 16, Tue 17, Wed 18 practised (snake at breakfast), Thu 19 - Sun 22 not.
    W48: Tue 24 is Leo's sick day; Sun 29 nothing logged.
    """
    return [
        # W47: mostly Model, trials 2/5 + 1/5 + 3/5 = 6/15 = 40%
        entry(day(16), "snake", "breakfast", assistance=M, trials=(2, 5)),
        entry(day(17), "snake", "breakfast", assistance=M, trials=(1, 5)),
        entry(day(18), "snake", "breakfast", assistance=VIS, trials=(3, 5)),
        # W48
        entry(MON23, "snake", "breakfast", minutes=3, assistance=M, trials=(3, 5)),
        entry(WED25, "snake", "breakfast", minutes=3, assistance=M, trials=(2, 5)),
        entry(WED25, "s-cards", "school-run", minutes=4, assistance=V, setting=Setting.SCHOOL),
        entry(WED25, "snake", "bath", minutes=3, assistance=M, trials=(4, 5)),
        entry(THU26, "snake", "breakfast", minutes=3, assistance=V, trials=(4, 5)),
        entry(THU26, "step", "bath", minutes=5, assistance=Assistance.PARTIAL_PHYSICAL),
        entry(FRI27, "snake", "breakfast", minutes=2, assistance=V, trials=(5, 5)),
        entry(SAT28, "snake", "breakfast", minutes=16, assistance=V, setting=Setting.COMMUNITY, trials=(8, 10)),
    ]


def leo_sick_tuesday() -> SkipDay:
    return SkipDay(date=TUE24, child="leo", reason=SkipReason.SICK, note="fever")


def win(
    on: date,
    text: str,
    *,
    child: str = "leo",
    goal: str | None = "leo-s",
    setting: Setting = Setting.HOME,
    who: str = "Mom",
) -> Win:
    return Win(child=child, goal=goal, text=text, setting=setting, when=datetime.combine(on, time(16, 0)), who=who)


def note(
    kind: NoteKind, on: date, text: str, *, child: str | None = "leo", author: str = "Mom", answered: bool = False
) -> Note:
    stamp = datetime.combine(on, time(20, 0))
    return Note(
        kind=kind,
        child=child,
        author=author,
        text=text,
        created_at=stamp,
        updated_at=stamp,
        answer="Yes" if answered else "",
        answered_at=stamp if answered else None,
    )
