"""Search backends for Chinese text: `database` (SQLite/PostgreSQL) and `elasticsearch`."""
