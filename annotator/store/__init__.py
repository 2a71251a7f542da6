"""Storage: peewee models over one SQLite file per project, migrations, SQL views."""
