"""What the app and the commands do with the family's data: the domain joined to storage.

The rule for writes: every change to the family's data goes through a function here.
The screens and their flows, ``app.py``, ``ui_support`` and the commands
(``family_tui/cli``) read the store as they like, but never call one of its writing
methods (``save``, ``update``, ``delete``, ``reorder``, ``update_settings``,
``record_practice``, ...) themselves; ``tests/test_writes.py`` checks that. So there is
one place to look for what a change does to the data, and a screen's job stays asking,
showing and saying what happened.

One module a noun: :mod:`.practice` (check-ins, skipped days, undo), :mod:`.notes`,
:mod:`.wins`, :mod:`.settings` (and the parent PIN), :mod:`.program_edits` and
:mod:`.deletion` (the program editor), :mod:`.first_run` (the guided setup),
:mod:`.program_import`, :mod:`.demo`; :mod:`.practising` (who practises at this screen,
kept on this computer, not in the family's data) and :mod:`.kiosk_restart`; and what is
written out of the records: :mod:`.report`, :mod:`.cards`, :mod:`.export`.
"""
