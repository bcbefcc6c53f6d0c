"""Durable storage on TinyDB: atomic writes, a lock across processes, monthly practice files."""

from .errors import CorruptDataError, NewerSchemaError, StorageError
from .merge import ChangedElsewhere
from .store import SCHEMA_VERSION, FamilyStore

__all__ = ["ChangedElsewhere", "CorruptDataError", "FamilyStore", "NewerSchemaError", "SCHEMA_VERSION", "StorageError"]
