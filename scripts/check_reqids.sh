#!/bin/sh
# check_reqids.sh: the requirement IDs of the specs (the opening comments of
# ext/*.[ch] and sql/**/*.sql, lines such as "**   V-3  Numeric TEXT ..." or
# "-- SC-1  Timestamps ...") are unique across the project, each prefix
# belongs to one file, every ID is cited by a test (tests/*.test or fuzz/*.c, as
# "V-3", or within a range "V-1..V-4" / "V-1..4"), and every ID a test
# cites exists. Run by `make lint`; prints each problem, exits 1 if any.
cd "$(dirname "$0")/.." || exit 2
tmp=${TMPDIR:-/tmp}/check_reqids.$$
trap 'rm -f "$tmp".*' EXIT

# Definitions: "file:line ID", one per line.
for f in ext/*.c ext/*.h sql/*.sql sql/import/*.sql; do
  [ -f "$f" ] || continue
  awk -v f="$f" '
    match($0, /^[ \t]*(\*\*|--|#|\*)[ \t]+[A-Z][A-Z0-9]*-[0-9]+[ \t]/) {
      s = substr($0, RSTART, RLENGTH)
      sub(/^[ \t]*(\*\*|--|#|\*)[ \t]+/, "", s); sub(/[ \t]+$/, "", s)
      print f ":" FNR " " s
    }' "$f"
done > "$tmp.def"

# Citations in the tests, ranges expanded: one ID per line.
cat tests/*.test fuzz/*.c | grep -oE '\b[A-Z][A-Z0-9]*-[0-9]+( ?\.\. ?([A-Z][A-Z0-9]*-)?[0-9]+)?\b' |
  awk '{
    n = split($0, r, / ?\.\. ?/)
    split(r[1], a, "-"); p = a[1]; lo = a[2] + 0
    if (n == 1) { print p "-" lo; next }
    hi = r[2]; sub(/^.*-/, "", hi); hi += 0
    for (i = lo; i <= hi; i++) print p "-" i
  }' | sort -u > "$tmp.cited"

status=0
# An ID defined twice, and a prefix whose IDs are defined in two files.
awk '{ id = $2; split(id, a, "-"); file = $1; sub(/:.*/, "", file)
       if (id in where) { print "check_reqids: " id " is defined twice: " \
         where[id] " and " $1; bad = 1 }
       where[id] = $1
       if ((a[1] in owner) && owner[a[1]] != file && !((a[1], file) in told)) {
         told[a[1], file] = 1
         print "check_reqids: prefix " a[1] "- is used by " owner[a[1]] \
           " and " file " (IDs " first[a[1]] " and " id ")"; bad = 1 }
       if (!(a[1] in owner)) { owner[a[1]] = file; first[a[1]] = id } }
     END { exit bad }' "$tmp.def" || status=1

# Every ID cited by a test.
awk '{ print $2 }' "$tmp.def" | sort -u > "$tmp.ids"
for id in $(comm -23 "$tmp.ids" "$tmp.cited"); do
  echo "check_reqids: $id ($(grep " $id\$" "$tmp.def" | cut -d' ' -f1)) is cited by no test in tests/ or fuzz/"
  status=1
done
# Every ID a test cites exists (only prefixes that some spec uses: other
# words with a dash and digits, such as UTF-8, are not IDs).
awk '{ split($2, a, "-"); print a[1] }' "$tmp.def" | sort -u > "$tmp.prefixes"
for id in $(comm -13 "$tmp.ids" "$tmp.cited"); do
  if grep -qx "${id%%-*}" "$tmp.prefixes"; then
    echo "check_reqids: tests cite $id, which no spec defines: $(grep -lwE "$id" tests/*.test fuzz/*.c | tr '\n' ' ')"
    status=1
  fi
done
[ $status -eq 0 ] && echo "check_reqids: $(wc -l < "$tmp.ids") requirement IDs, each defined once and cited by a test"
exit $status
