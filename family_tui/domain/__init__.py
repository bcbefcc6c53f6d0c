"""The family's program, practice and progress as plain data and rules: no storage, no Textual, no CLI."""
