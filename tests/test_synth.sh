#!/usr/bin/env bash
# louyu synth end to end: the same N and seed give the same bytes, another seed
# other bytes; the city loads with exactly N buildings, across tiles too; bad
# arguments are refused with a clear message. Needs LOUYU (the binary) and SRC.
set -u
. "$(dirname "$0")/lib.sh"

# buildings FILE N: louyu stats --json says exactly N buildings
buildings() {
  local got
  got=$("$LOUYU" stats --json "$1" | sed -n 's/^[[:space:]]*"buildings":[[:space:]]*\([0-9]*\),$/\1/p')
  if [ "$got" = "$2" ]; then ok; else bad "$1: stats says '$got' buildings, expected $2"; fi
}

# the same N and seed: the same bytes; another seed: other bytes
run 0 synth --buildings 2000 --seed 1 --out "$tmp/a.geojson"
expect out '2000 buildings in 1 tile'
run 0 synth --buildings 2000 --seed 1 --out "$tmp/b.geojson"
if cmp -s "$tmp/a.geojson" "$tmp/b.geojson"; then ok; else bad "seed 1 twice: the files differ"; fi
run 0 synth --buildings 2000 --seed 2 --out "$tmp/c.geojson"
if cmp -s "$tmp/a.geojson" "$tmp/c.geojson"; then bad "seeds 1 and 2: the same bytes"; else ok; fi
# stdout: the same bytes as the file, the summary on stderr
"$LOUYU" synth --buildings 2000 --seed 1 --out - >"$tmp/d.geojson" 2>"$tmp/err"
if cmp -s "$tmp/a.geojson" "$tmp/d.geojson"; then ok; else bad "--out -: not the file's bytes"; fi
# no temporary file is left beside the output
if [ "$(ls "$tmp" | grep -c '\.geojson\.')" = 0 ]; then ok; else bad "a temporary file is left"; fi

# it loads, valid and without warnings, with exactly N buildings
run 0 validate "$tmp/a.geojson"
expect out 'valid: 2000 buildings, 0 other features, 0 enterprises; 0 warnings'
buildings "$tmp/a.geojson" 2000
buildings "$tmp/c.geojson" 2000

# the attribution and the ids
expect_file() {
  if grep -q -- "$2" "$1"; then ok; else bad "$1 has no $2"; fi
}
expect_file "$tmp/a.geojson" '"louyu_synth":{'
expect_file "$tmp/a.geojson" '"licence":"ODbL 1.0, © OpenStreetMap contributors"'
expect_file "$tmp/a.geojson" '"seed":1,"buildings":2000,'
dups=$(grep -o '"id":"s[0-9]*-[0-9]*"' "$tmp/a.geojson" | sort | uniq -d | wc -l)
[ "$dups" = 0 ] && ok || bad "$dups duplicate ids"

# more than one tile (the source has 13,896 buildings): 3 tiles, the last partial
run 0 synth --buildings 30000 --seed 7 --out "$tmp/big.geojson"
expect out '30000 buildings in 3 tiles \(2x2\) of 13896'
run 0 validate "$tmp/big.geojson"
expect out 'valid: 30000 buildings, 0 other features, 0 enterprises; 0 warnings'
buildings "$tmp/big.geojson" 30000
ids=$(grep -o '"id":"s[0-9]*-[0-9]*"' "$tmp/big.geojson" | sort -u | wc -l)
[ "$ids" = 30000 ] && ok || bad "30000 buildings but $ids distinct ids"
tiles=$(grep -o '"id":"s[0-9]*-' "$tmp/big.geojson" | sort -u | wc -l)
[ "$tiles" = 3 ] && ok || bad "ids from $tiles tiles, expected 3"

# another source: a louyu district
run 0 synth --buildings 100 --seed 3 --from "$SRC/data/zhanshan.geojson" --out "$tmp/zs.geojson"
run 0 validate "$tmp/zs.geojson"
expect out 'valid: 100 buildings'

# bad arguments
run 2 synth --buildings 0 --out "$tmp/x.geojson"
expect err 'louyu synth: --buildings wants'
run 2 synth --buildings 10
expect err 'louyu synth: --out FILE is required'
run 2 synth --out "$tmp/x.geojson"
expect err 'louyu synth: --buildings N is required'
run 2 synth --buildings 10 --seed -1 --out "$tmp/x.geojson"
expect err '--seed wants'
run 2 synth --buildings 10 --out "$tmp/x.geojson" --from "$tmp/missing.geojson"
expect err 'missing.geojson'
run 2 synth --buildings 10 --out "$tmp/no/such/dir/x.geojson"
expect err "^louyu synth: cannot write $tmp/no/such/dir/x.geojson: its folder $tmp/no/such/dir does not exist$"
run 1 synth --buildings 10 --out "$tmp/x.geojson" --from "$SRC/tests/data/bad/height-negative.geojson"
[ ! -e "$tmp/x.geojson" ] && ok || bad "a failed synth left $tmp/x.geojson"

finish
