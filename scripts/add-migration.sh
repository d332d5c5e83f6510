#!/usr/bin/env bash
# Adds a migration with the same name to BOTH migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet build src/Mamori.Web -nologo -v q
dotnet ef migrations add "$name" --project src/Mamori.Migrations.Sqlite --startup-project src/Mamori.Web --no-build -o Migrations -- --Database:Provider=Sqlite
dotnet ef migrations add "$name" --project src/Mamori.Migrations.Postgres --startup-project src/Mamori.Web --no-build -o Migrations -- --Database:Provider=Postgres --ConnectionStrings:Default=Host=localhost
