"""Textual helpers the app and its screens share that are not screens themselves."""
