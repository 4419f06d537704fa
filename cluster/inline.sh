#!/bin/bash
# inline.sh FILE...: prints the SQL scripts FILE... as one script that a
# dqlite cluster can run (build/kpicluster exec DB -), since a cluster has
# no sqlite3 shell to read dot-commands:
#   - a line ".read PATH" is replaced by PATH's text, itself inlined
#     (PATH relative to the current directory, as the sqlite3 shell reads it);
#   - kpi_csv's filename='RELATIVE' becomes filename='/abs/RELATIVE' (from
#     the current directory), since the leader node that reads the file has
#     its own working directory;
#   - any other dot-command is an error (exit 1), never dropped silently.
# Run it from the directory the scripts expect (the repository root for
# sql/ and examples/).
set -euo pipefail
inline() {
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
    .read\ *) inline "${line#.read }" <"${line#.read }" ;;
    .*)
      echo "inline.sh: cannot run in a cluster: $line" >&2
      exit 1
      ;;
    *) printf '%s\n' "$line" ;;
    esac
  done
}
for f in "$@"; do
  inline <"$f"
done | sed "s|filename='\([^/'][^']*\)'|filename='$(pwd)/\1'|g"
