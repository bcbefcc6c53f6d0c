"""Real Syncthing instances on 127.0.0.1, one per home, sharing one family data folder.

Each home gets its own Syncthing (Debian's ``syncthing`` package: ``.ci/run`` installs it)
with discovery, relays, NAT and usage reporting off, listening and talking only on the
loopback address, and a folder holding that home's family-tui data. A home can go
"offline" (every other device paused in its Syncthing) and come back; :meth:`Homes.settle`
waits until every home holds the same synced files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

FOLDER_ID = "family"
NEVER_SYNCED = (".family-tui-local", ".stfolder", ".stversions", ".stignore")


def syncthing_available() -> bool:
    return shutil.which("syncthing") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Home:
    name: str
    root: Path
    data: Path
    config: Path
    gui_port: int
    listen_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.root / "syncthing.log"

    def rest(self, method: str, path: str, body: object | None = None) -> object:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            raw = answer.read()
        return json.loads(raw) if raw.strip() else None

    def synced_files(self) -> dict[str, str]:
        """Every file a sync tool carries, by relative path, with a hash of its bytes."""
        found: dict[str, str] = {}
        for path in sorted(self.data.rglob("*")):
            relative = path.relative_to(self.data)
            if relative.parts[0] in NEVER_SYNCED or not path.is_file() or path.name.startswith(".syncthing."):
                continue
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found


class Homes:
    """Two or more homes, each with its own Syncthing, all sharing the folder :data:`FOLDER_ID`."""

    def __init__(self, root: Path, names: list[str]) -> None:
        self.homes = []
        for name in names:
            home_root = root / name
            home = Home(
                name=name,
                root=home_root,
                data=home_root / "family-data",
                config=home_root / "syncthing",
                gui_port=free_port(),
                listen_port=free_port(),
                api_key=f"family-tui-test-{name}",
            )
            home.data.mkdir(parents=True)
            (home.data / ".stfolder").mkdir()
            subprocess.run(
                ["syncthing", "generate", f"--home={home.config}", "--no-default-folder"],
                check=True,
                capture_output=True,
            )
            home.device_id = subprocess.run(
                ["syncthing", "serve", f"--home={home.config}", "--device-id"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            self.homes.append(home)
        for home in self.homes:
            self._configure(home)

    def __getitem__(self, name: str) -> Home:
        return next(home for home in self.homes if home.name == name)

    def _configure(self, home: Home) -> None:
        tree = ET.parse(home.config / "config.xml")
        root = tree.getroot()
        options = root.find("options")
        assert options is not None
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{home.listen_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "startBrowser": "false",
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
            "reconnectionIntervalS": "1",
            "setLowPriority": "false",
        }
        for key, value in settings.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        gui = root.find("gui")
        assert gui is not None
        address = gui.find("address")
        apikey = gui.find("apikey")
        assert address is not None and apikey is not None
        address.text = f"127.0.0.1:{home.gui_port}"
        apikey.text = home.api_key
        for device in root.findall("device"):
            root.remove(device)
        folder = ET.SubElement(
            root,
            "folder",
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(home.data),
            type="sendreceive",
            rescanIntervalS="1",
            fsWatcherEnabled="false",
            fsWatcherDelayS="1",
            ignorePerms="false",
            autoNormalize="true",
        )
        ET.SubElement(folder, "filesystemType").text = "basic"
        for other in self.homes:
            ET.SubElement(folder, "device", id=other.device_id, introducedBy="")
        ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
        for other in self.homes:
            device = ET.Element("device", id=other.device_id, name=other.name, compression="metadata")
            device.set("introducer", "false")
            ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen_port}"
            ET.SubElement(device, "paused").text = "false"
            ET.SubElement(device, "autoAcceptFolders").text = "false"
            root.insert(0, device)
        tree.write(home.config / "config.xml")

    def start(self) -> None:
        for home in self.homes:
            home.process = subprocess.Popen(
                [
                    "syncthing",
                    "serve",
                    f"--home={home.config}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    f"--logfile={home.log}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={"HOME": str(home.root), "PATH": "/usr/bin:/bin", "STNODEFAULTFOLDER": "1"},
            )
        for home in self.homes:
            self._wait(lambda home=home: self._answers(home), f"{home.name}'s Syncthing to answer")

    def stop(self) -> None:
        for home in self.homes:
            if home.process is not None and home.process.poll() is None:
                home.process.terminate()
                try:
                    home.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    home.process.kill()
                    home.process.wait()

    @staticmethod
    def _answers(home: Home) -> bool:
        try:
            home.rest("GET", "/rest/system/ping")
        except OSError:
            return False
        return True

    def offline(self, name: str) -> None:
        """This home stops talking to every other (as a laptop away from home)."""
        home = self[name]
        for other in self.homes:
            if other is not home:
                home.rest("POST", f"/rest/system/pause?device={other.device_id}")
                other.rest("POST", f"/rest/system/pause?device={home.device_id}")
        self._wait(lambda: not self._connected(home), f"{name} to be offline")

    def online(self, name: str) -> None:
        home = self[name]
        for other in self.homes:
            if other is not home:
                home.rest("POST", f"/rest/system/resume?device={other.device_id}")
                other.rest("POST", f"/rest/system/resume?device={home.device_id}")

    @staticmethod
    def _connected(home: Home) -> bool:
        connections = home.rest("GET", "/rest/system/connections")
        assert isinstance(connections, dict)
        return any(c.get("connected") for c in connections.get("connections", {}).values())

    def settle(self, timeout: float = 90.0) -> None:
        """Wait until every home holds the same synced files, and they stay so for a moment."""

        def same() -> bool:
            for home in self.homes:
                home.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")
            views = [home.synced_files() for home in self.homes]
            if any(view != views[0] for view in views):
                return False
            for home in self.homes:
                status = home.rest("GET", f"/rest/db/status?folder={FOLDER_ID}")
                assert isinstance(status, dict)
                if status.get("state") != "idle" or status.get("needFiles", 0) or status.get("needBytes", 0):
                    return False
            time.sleep(1.5)
            return [home.synced_files() for home in self.homes] == views

        self._wait(same, "every home to hold the same files", timeout)

    def _wait(self, check: object, what: str, timeout: float = 60.0) -> None:
        assert callable(check)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.3)
        logs = "\n".join(f"--- {h.name}\n{h.log.read_text()[-3000:] if h.log.exists() else ''}" for h in self.homes)
        raise AssertionError(f"timed out waiting for {what}\n{logs}")
