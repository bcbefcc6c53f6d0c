"""One measurement in a fresh process; prints one line of JSON.

    python benchmarks/child.py startup bare
    python benchmarks/child.py startup family DATA_DIR
    python benchmarks/child.py progress DATA_DIR        (start, settle, press p, settle)
    python benchmarks/child.py checkin DATA_DIR PRESSES SCRATCH_DIR
    python benchmarks/child.py details DATA_DIR OPENINGS   (d on Today, the form painted, escape)
    python benchmarks/child.py openings DATA_DIR EMPTY_DIR TIMES [NAME...]  (every opening, or those named, and its twin)

Run by ``run.py``; not meant to be run by hand (but it works).
"""

from __future__ import annotations

import time

STARTED = time.monotonic()  # as early as this script can know; the parent's Popen time is earlier

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from appdriver import SIZE, BareApp, FrameClock  # noqa: E402


def peak_rss_mib() -> float:
    """Peak resident memory of this process (VmHWM).

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: on Linux that keeps the parent's peak across
    fork and exec, so a child of a large parent (run.py holds five years of history while
    it builds them) would report the parent's figure.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def emit(result: dict) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def make(kind: str, data_dir: str | None):
    if kind == "bare":
        return BareApp()
    from family_tui.app import make_app

    return make_app(Path(data_dir))  # type: ignore[arg-type]


def checklist_ready(app) -> bool:
    from family_tui.screens.today import TodayScreen
    from family_tui.widgets.checklist import PracticeChecklist

    screen = app.screen
    return isinstance(screen, TodayScreen) and bool(screen.query_one(PracticeChecklist).option_count)


async def startup(kind: str, data_dir: str | None) -> None:
    frames = FrameClock()
    app = make(kind, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        ready = await frames.settle(pilot)
        if kind != "bare" and not checklist_ready(app):
            raise SystemExit("Today's checklist is not on screen")
        emit({"ready": ready, "script_started": STARTED, "frames": len(frames.frames), "peak_rss_mib": peak_rss_mib()})
    os._exit(0)  # the time to shut down is not start-up


async def today_settled(app, pilot, frames: FrameClock) -> None:
    """Start-up over: Today drawn with its checklist, no frame for a while, upkeep done."""
    await frames.settle(pilot)
    if not checklist_ready(app):
        raise SystemExit("Today's checklist is not on screen")
    await upkeep_done(app)


async def upkeep_done(app) -> None:
    """Wait for start-up upkeep (folding the journals, the day's backup), which runs in the
    background a second after start: a key press measured then would be measuring it too."""
    from family_tui.app import MAINTENANCE_DELAY

    await asyncio.sleep(MAINTENANCE_DELAY + 0.2)
    await app.workers.wait_for_complete()
    app.store.wait_for_folds(10)


async def progress(data_dir: str) -> None:
    from textual import events

    from family_tui.screens.progress import ProgressScreen

    frames = FrameClock()
    key_time: dict[str, float] = {}

    def hook(message) -> None:
        if isinstance(message, events.Key) and message.key == "p" and "p" not in key_time:
            key_time["p"] = message.time

    shown: list[float] = []
    show_view = ProgressScreen.show_view

    def timed_show_view(screen, view):
        result = show_view(screen, view)
        shown.append(time.monotonic())
        return result

    ProgressScreen.show_view = timed_show_view  # type: ignore[method-assign]

    app = make("family", data_dir)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await today_settled(app, pilot, frames)
        rss_today = peak_rss_mib()
        cpu_before = time.process_time()
        await pilot.press("p")
        deadline = time.monotonic() + 30
        while not (isinstance(app.screen, ProgressScreen) and app.screen.view is not None):
            if time.monotonic() > deadline:
                raise SystemExit("Progress did not show its figures within 30 s")
            await asyncio.sleep(0.001)
        done = max(await frames.settle(pilot), shown[0])
        cpu = time.process_time() - cpu_before
        painted = next((f for f in frames.frames if f > shown[0]), done)
        emit(
            {
                "figures_ms": (shown[0] - key_time["p"]) * 1000,
                "painted_ms": (painted - key_time["p"]) * 1000,
                "settled_ms": (done - key_time["p"]) * 1000,
                "cpu_ms": cpu * 1000,
                "peak_rss_mib": peak_rss_mib(),
                "rss_today_mib": rss_today,
            }
        )
    os._exit(0)


def floor_once(folder: Path, payload: bytes) -> float:
    """Write 1 KB to a new file, fsync it, rename it over the old one, fsync the folder."""
    started = time.perf_counter()
    tmp, final = folder / "floor.tmp", folder / "floor.json"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, final)
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
    return time.perf_counter() - started


async def first_frame_after(frames: FrameClock, moment: float, pilot, timeout: float = 5.0) -> float:
    """When the first frame after ``moment`` was drawn (waiting for it if need be)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        later = [f for f in frames.frames if f >= moment]
        if later:
            return later[0]
        await asyncio.sleep(0.0005)
    raise SystemExit("no frame was drawn after the key")


async def checkin(data_dir: str, presses: int, scratch: str) -> None:
    """Space on Today until the entry is durable, and until the ✓ is drawn; the floor measured between presses."""
    from textual import events

    from family_tui.widgets.checklist import PracticeChecklist

    folder = Path(scratch)
    folder.mkdir(parents=True, exist_ok=True)
    payload = os.urandom(512).hex().encode()  # 1 KB
    frames = FrameClock()
    key_time: dict[str, float] = {}

    def hook(message) -> None:
        if isinstance(message, events.Key) and message.key == "space" and "key" not in key_time:
            key_time["key"] = message.time

    app = make("family", data_dir)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await today_settled(app, pilot, frames)
        store = app.store
        done: dict[str, float] = {}
        record, remove = store.record_practice, store.remove_practice

        def record_practice(entry):
            result = record(entry)
            done["put"] = time.monotonic()
            return result

        def remove_practice(*args):
            result = remove(*args)
            done["del"] = time.monotonic()
            return result

        store.record_practice = record_practice  # type: ignore[method-assign]
        store.remove_practice = remove_practice  # type: ignore[method-assign]
        # How much of a check-in is the disk: the append to this device's log, with its fsync.
        from family_tui.storage.devices import oplog

        appends: list[float] = []
        append = oplog._append_lines

        def timed_append(*args, **kwargs):
            started = time.perf_counter()
            result = append(*args, **kwargs)
            appends.append(time.perf_counter() - started)
            return result

        oplog._append_lines = timed_append
        marks: list[float] = []
        painted: list[float] = []
        """Key to the first frame drawn after the entry was durable: the ✓ on screen."""
        unmarks: list[float] = []
        from_press: list[float] = []
        floor: list[float] = [floor_once(folder, payload) for _ in range(20)]
        mark_appends: list[float] = []
        for _ in range(presses):
            for kind, out in (("put", marks), ("del", unmarks)):
                floor.append(floor_once(folder, payload))
                key_time.clear()
                done.clear()
                pressed = time.monotonic()
                await pilot.press("space")
                if kind not in done:
                    raise SystemExit(f"space did not {'mark' if kind == 'put' else 'un-mark'} the item")
                out.append(done[kind] - key_time["key"])
                if kind == "put":
                    from_press.append(done[kind] - pressed)
                    mark_appends.append(appends[-1])
                    painted.append(await first_frame_after(frames, done[kind], pilot) - key_time["key"])
                    if "✓" not in str(
                        app.screen.query_one(PracticeChecklist)
                        .get_option_at_index(app.screen.query_one(PracticeChecklist).highlighted)
                        .prompt
                    ):
                        raise SystemExit("the item under the cursor shows no ✓ after space")
                await pilot.pause()
        store.wait_for_folds(10)
        emit(
            {
                "mark_s": marks,
                "painted_s": painted,
                "unmark_s": unmarks,
                "from_pilot_s": from_press,
                "floor_s": floor,
                "append_s": mark_appends,
            }
        )
    os._exit(0)


async def details(data_dir: str, openings: int) -> None:
    """d on Today until the details form is drawn (the first frame with it on top), then escape."""
    from textual import events
    from textual.app import App

    from family_tui.screens.practice_form import PracticeForm

    frames = FrameClock()
    key_time: dict[str, float] = {}

    def hook(message) -> None:
        if isinstance(message, events.Key) and message.key == "d" and "key" not in key_time:
            key_time["key"] = message.time

    app = make("family", data_dir)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await today_settled(app, pilot, frames)
        # A frame with the form on top: the Today frames drawn on the way do not count.
        form_frames: list[float] = []
        display = App._display

        def _display(app_, screen, renderable):
            if renderable is not None and isinstance(screen, PracticeForm):
                form_frames.append(time.monotonic())
            return display(app_, screen, renderable)

        App._display = _display  # type: ignore[method-assign]
        painted: list[float] = []
        for _ in range(openings):
            key_time.clear()
            form_frames.clear()
            await pilot.press("d")
            deadline = time.monotonic() + 10
            while not form_frames:
                if time.monotonic() > deadline:
                    raise SystemExit("d did not draw the details form")
                await asyncio.sleep(0.0005)
            painted.append(form_frames[0] - key_time["key"])
            await frames.settle(pilot)
            await pilot.press("escape")
            await frames.settle(pilot)
            if isinstance(app.screen, PracticeForm):
                raise SystemExit("escape did not close the details form")
        emit({"painted_s": painted})
    os._exit(0)


TWIN_KEY = "f12"
"""The key that opens a twin: bound on the app for the benchmark only."""


async def openings(data_dir: str, empty_dir: str, times: int, names: list[str]) -> None:
    """Every opening of ``openings.OPENINGS``, ``times`` times, alternating with its twin.

    For each: key to the first frame with the screen on top (painted), key to the last frame
    before the app goes quiet (settled), and the frames drawn with it on top in between.
    """
    from openings import OPENINGS

    unknown = set(names) - {o.name for o in OPENINGS}
    if unknown:
        raise SystemExit(f"no such opening: {', '.join(sorted(unknown))}")
    results: list[dict] = []
    for start in ("today", "welcome"):
        todo = [o for o in OPENINGS if o.start == start and (not names or o.name in names)]
        if not todo:
            continue
        results.extend(await openings_from(data_dir if start == "today" else empty_dir, start, todo, times))
    emit({"openings": results})
    os._exit(0)


async def openings_from(data: str, start: str, todo: list, times: int) -> list[dict]:
    """The openings that start from ``start`` (Today or the welcome screen), in one app."""
    from openings import twin_of
    from textual import events
    from textual.app import App

    results: list[dict] = []
    frames = FrameClock()
    key_time: dict[str, float] = {}
    armed: dict[str, str] = {}

    def hook(message) -> None:
        if isinstance(message, events.Key) and message.key == armed.get("key") and "key" not in key_time:
            key_time["key"] = message.time

    on_top: list[tuple[float, str]] = []
    display = App._display

    def _display(app_, screen, renderable):
        if renderable is not None:
            on_top.append((time.monotonic(), type(screen).__name__))
        return display(app_, screen, renderable)

    App._display = _display  # type: ignore[method-assign]
    app = make("family", data)
    twin: dict[str, object] = {}
    app.action_bench_twin = lambda: app.push_screen(twin["screen"])  # type: ignore[attr-defined]
    # A priority binding: the twin opens over a modal dialog too (the update view's twin).
    app._bindings.bind(TWIN_KEY, "bench_twin", show=False, priority=True)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        if start == "today":
            await today_settled(app, pilot, frames)
        else:
            await frames.settle(pilot)
        home_focus = app.focused

        async def once(key: str, name: str) -> dict:
            key_time.clear()
            on_top.clear()
            armed["key"] = key
            await pilot.press(key)
            deadline = time.monotonic() + 10
            while not any(n == name for _, n in on_top):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{key} did not draw {name} (on top: {type(app.screen).__name__})")
                await asyncio.sleep(0.0005)
            await frames.settle(pilot)
            mine = [t for t, n in on_top if n == name]
            return {
                "painted": mine[0] - key_time["key"],
                "settled": mine[-1] - key_time["key"],
                "frames": len(mine),
            }

        for opening in todo:
            real: list[dict] = []
            plain: list[dict] = []
            error = None
            try:
                for n in range(times):
                    for kind in ("real", "twin") if n % 2 == 0 else ("twin", "real"):
                        if kind == "twin" and "screen" not in twin:
                            continue
                        if start == "welcome" and home_focus is not None:
                            # Where focus lands back on the welcome screen differs after the real
                            # screen and its twin: start each time from where it was at start-up.
                            app.screen.set_focus(home_focus)
                            await frames.settle(pilot)
                        for key in opening.before:
                            await pilot.press(key)
                            await frames.settle(pilot)
                        if kind == "real":
                            real.append(await once(opening.key, opening.screen))
                            if n == 0:
                                twin["made"] = twin_of(app.screen)
                            await pilot.press(*opening.after)
                        else:
                            twin["screen"] = twin_of_copy(twin["made"])
                            plain.append(await once(TWIN_KEY, type(twin["screen"]).__name__))
                            await pilot.press("escape", *opening.after[1:])
                        await frames.settle(pilot)
                    if "made" in twin and "screen" not in twin:
                        twin["screen"] = twin_of_copy(twin["made"])
            except Exception as problem:  # noqa: BLE001 - reported in the table, the others still run
                error = str(problem)
            results.append(
                {"name": opening.name, "screen": opening.screen, "real": real, "twin": plain, "error": error}
            )
            twin.clear()
            while len(app.screen_stack) > 1 and start == "today" and type(app.screen).__name__ != "TodayScreen":
                app.pop_screen()
                await frames.settle(pilot)
    App._display = display  # type: ignore[method-assign]
    return results


def twin_of_copy(made):
    """A fresh twin screen of the same parts (a screen can be shown once)."""
    return type(made)(made.parts, made.box, made.footer)


def main(argv: list[str]) -> None:
    what = argv[0]
    if what == "startup":
        asyncio.run(startup(argv[1], argv[2] if len(argv) > 2 else None))
    elif what == "progress":
        asyncio.run(progress(argv[1]))
    elif what == "checkin":
        asyncio.run(checkin(argv[1], int(argv[2]), argv[3]))
    elif what == "details":
        asyncio.run(details(argv[1], int(argv[2])))
    elif what == "openings":
        asyncio.run(openings(argv[1], argv[2], int(argv[3]), argv[4:]))
    else:
        raise SystemExit(f"unknown measurement {what!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
