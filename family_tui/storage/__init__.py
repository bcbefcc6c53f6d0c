"""Durable storage on TinyDB: atomic writes, a lock across processes, monthly practice files."""

from .errors import CorruptDataError, NewerSchemaError, StorageError
from .store import SCHEMA_VERSION, FamilyStore

__all__ = ["CorruptDataError", "FamilyStore", "NewerSchemaError", "SCHEMA_VERSION", "StorageError"]
