"""The encrypted vault: SQLCipher engine, key handling, models, migrations."""
