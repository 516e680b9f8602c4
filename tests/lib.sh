# What the shell tests share; each sources it after `set -u`:
#   . "$(dirname "$0")/lib.sh"
# It makes $tmp (removed at exit; a test with more to clean up sets its own trap after,
# removing $tmp too) and counts checks in $pass and $fail; `finish`, the test's last
# line, prints the count and is the test's exit status.
pass=0 fail=0
# the locale of an English desktop, whatever the machine's: the viewer's language and the
# commands' text follow it (a test of a Chinese desktop sets its own)
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# check 'SHELL CONDITION' WHAT: ok when the condition holds, else WHAT is the failure
check() { if eval "$1"; then ok; else bad "$2"; fi; }

# run EXPECTED_RC ARGS...: runs $LOUYU, keeps stdout and stderr in $tmp/out and $tmp/err
run() {
  local want=$1
  shift
  "$LOUYU" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else
    bad "louyu $* exited $rc, expected $want"
    head -5 "$tmp/err"
  fi
}
# expect out|err REGEX: the last command's stdout or stderr has a line matching REGEX
expect() {
  if grep -Eq -- "$2" "$tmp/$1"; then ok; else
    bad "$1 of the last command does not match: $2"
    head -5 "$tmp/$1"
  fi
}
# expect_empty out|err: the last command wrote nothing there
expect_empty() {
  if [ ! -s "$tmp/$1" ]; then ok; else
    bad "$1 of the last command should be empty"
    head -3 "$tmp/$1"
  fi
}

finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
