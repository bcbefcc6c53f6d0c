"""The file half of the device-log storage (issue 23): this device's id, its own log, reading all logs.

Each device writes only its own files (``devices/<id>/<YYYY-MM>.log``), so a folder
sync engine (Syncthing, or any other) never has two versions of one file to choose
between; what belongs to this device alone lives in the never-synced local folder.
Not yet used by ``FamilyStore``; see docs/storage-redesign.md.
"""
