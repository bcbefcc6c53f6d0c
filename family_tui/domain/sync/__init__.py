"""The pure half of the device-log storage (issue 23): clocks, operations and the fold.

Nothing here touches a file: ``family_tui.storage.devices`` reads and writes the logs,
this package decides what they mean, so the merge rules can be tested by the thousand.
Not yet used by ``FamilyStore``; see docs/storage-redesign.md.
"""
