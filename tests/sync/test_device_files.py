"""This device's id lives in the local folder that never syncs; a copy of the folder elsewhere gets its own."""

from __future__ import annotations

import json
import shutil

from family_tui.storage.devices.device import device_id, local_dir, write_stignore


def test_a_device_keeps_its_id_across_starts(tmp_path):
    data = tmp_path / "family"
    first = device_id(data, machine="laptop-a")
    assert len(first) == 16
    assert device_id(data, machine="laptop-a") == first
    stored = json.loads((data / ".family-tui-local" / "device.json").read_text())
    assert stored["device"] == first
    assert oct(local_dir(data).stat().st_mode & 0o777) == "0o700"


def test_a_folder_copied_to_another_computer_gets_a_new_id_and_keeps_it(tmp_path):
    data = tmp_path / "family"
    mine = device_id(data, machine="laptop-a")
    copied = tmp_path / "usb-copy"
    shutil.copytree(data, copied)
    theirs = device_id(copied, machine="laptop-b")
    assert theirs != mine
    assert device_id(copied, machine="laptop-b") == theirs
    assert device_id(data, machine="laptop-a") == mine  # the original keeps its own


def test_a_folder_copied_on_the_same_computer_gets_a_new_id(tmp_path):
    data = tmp_path / "family"
    mine = device_id(data)  # the real machine id
    shutil.copytree(data, tmp_path / "copy")
    assert device_id(tmp_path / "copy") != mine


def test_a_damaged_id_file_gets_a_new_id_instead_of_an_error(tmp_path):
    data = tmp_path / "family"
    device_id(data, machine="a")
    (data / ".family-tui-local" / "device.json").write_text('{"device": "../../x", "fingerp')
    made = device_id(data, machine="a")
    assert len(made) == 16 and device_id(data, machine="a") == made


def test_stignore_lists_the_local_folder_first_and_keeps_the_familys_lines(tmp_path):
    (tmp_path / ".stignore").write_text("// ours\n*.tmp\n!/photos")
    assert write_stignore(tmp_path) is True
    lines = (tmp_path / ".stignore").read_text().splitlines()
    assert lines[1] == "/.family-tui-local"
    assert lines[2:] == ["// ours", "*.tmp", "!/photos"]
    assert write_stignore(tmp_path) is False
    assert (tmp_path / ".stignore").read_text().count("/.family-tui-local") == 1  # not added twice


def test_stignore_is_made_when_there_is_none(tmp_path):
    assert write_stignore(tmp_path) is True
    assert "/.family-tui-local" in (tmp_path / ".stignore").read_text().splitlines()
