# Shared steps of the pull-request checks (ci/github/pr-check.sh, ci/gitlab/mr-check.sh); sourced, not run.
#
# The inputs both checks take, with their defaults: WATASU (the watasu command), WATASU_FILE (watasu.yaml),
# WATASU_RENDERED (rendered folder, or empty), WATASU_APPROVE_LABEL. The functions also expect WATASU_MAX_LENGTH
# (the forge's comment limit) and work (a private temporary folder).
WATASU="${WATASU:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/bin/watasu}"
WATASU_FILE="${WATASU_FILE:-watasu.yaml}"
WATASU_RENDERED="${WATASU_RENDERED:-}"
WATASU_APPROVE_LABEL="${WATASU_APPROVE_LABEL-access-approved}"

# Validates watasu.yaml and, when a rendered folder is kept in the repository, checks that it is up to date and
# keeps the contract (render --check validates too, so it replaces validate then). Prints the report in FORMAT on
# stdout; returns the command's exit code.
watasu_checks() {
  local format="$1"
  if [ -n "${WATASU_RENDERED:-}" ]; then
    "$WATASU" render "$WATASU_FILE" --out "$WATASU_RENDERED" --check --format "$format"
  else
    "$WATASU" validate "$WATASU_FILE" --format "$format"
  fi
}

# Makes sure the base commit can be read (a shallow checkout may lack it). Silent unless the fetch fails.
ensure_commit() {
  local commit="$1"
  local repo
  repo="$(dirname "$WATASU_FILE")"
  if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
    git -C "$repo" fetch --quiet --no-tags --depth=1 origin "$commit" ||
      echo "watasu: could not fetch the base commit $commit; fetch it in the checkout (fetch-depth: 0)" >&2
  fi
}

# Runs watasu diff against BASE: the report sized for a comment in $work/diff.md, the whole one in
# $work/diff-full.md, diagnostics in $work/diff.err. Sets diff_code.
watasu_diff() {
  local base="$1"
  set +e
  "$WATASU" diff --base "$base" "$WATASU_FILE" --max-length "$WATASU_MAX_LENGTH" --output "$work/diff-full.md" \
    >"$work/diff.md" 2>"$work/diff.err"
  diff_code=$?
  set -e
  cat "$work/diff.err" >&2
}

# The check's exit status once the diff has run, from the status so far: a revision that does not load fails the
# check (1), a failure of the tool passes its code through; a widening is decided later, by the label.
status_after_diff() {
  local status="$1"
  case "$diff_code" in
    0 | 4) echo "$status" ;;
    1) if [ "$status" -ne 0 ]; then echo "$status"; else echo 1; fi ;;
    *) echo "$diff_code" ;;
  esac
}

# The hidden marker by which the next run finds this check's comment: one per watasu.yaml of the repository.
comment_marker() {
  printf '<!-- watasu-access-review file=%s -->' "$WATASU_FILE"
}

# The comment: the marker, the report (or why there is none), and a footer with LINK (Markdown) saying where the
# whole report is (WHOLE_REPORT) and which label approves widened access. Written to $work/comment.md.
comment_body() {
  local link="$1" whole_report="$2" approval=""
  [ -z "$WATASU_APPROVE_LABEL" ] || approval=" · widened access needs the label \`$WATASU_APPROVE_LABEL\`"
  {
    comment_marker
    printf '\n'
    case "$diff_code" in
      0 | 4) cat "$work/diff.md" ;;
      1) printf '## watasu.yaml is invalid\n\n`%s` does not load at one of the revisions, so the change in access is not known. The check lists the errors.\n' "$WATASU_FILE" ;;
      *) printf '## The access review did not run\n\n`watasu diff` failed (exit code %s); see the log of the check.\n' "$diff_code" ;;
    esac
    printf '\n---\n<sub>%s: the whole report is %s%s</sub>\n' "$link" "$whole_report" "$approval"
  } >"$work/comment.md"
}

# find_comment REQUEST PATH AUTHOR_PATH AUTHOR MARKER: the id of the first comment, on any page of PATH (which asks for
# 100 a page), that holds MARKER and, unless AUTHOR is empty, was written by AUTHOR (AUTHOR_PATH: where the JSON of
# a comment has its author's name). Prints nothing when there is none; fails, with the HTTP status in
# $work/list-status, when a page cannot be listed. REQUEST is the forge's request function.
find_comment() {
  local request="$1" path="$2" author_path="$3" author="$4" marker="$5" page=1 code found
  while :; do
    code="$("$request" GET "$path&page=$page")"
    if [ "$code" != 200 ]; then
      printf '%s' "$code" >"$work/list-status"
      return 1
    fi
    found="$(jq -r --arg marker "$marker" --arg author "$author" \
      "[.[] | select((.body // \"\") | contains(\$marker)) | select(\$author == \"\" or $author_path == \$author)]
       | first | .id // empty" "$work/response")"
    if [ -n "$found" ] || [ "$(jq length "$work/response")" -lt 100 ]; then
      printf '%s' "$found"
      return 0
    fi
    page=$((page + 1))
  done
}

# post_comment REQUEST EXISTING CREATE_PATH UPDATE_PATH UPDATE_METHOD: $work/comment.md as a new comment (EXISTING
# empty) or over comment EXISTING; prints the HTTP status.
post_comment() {
  local request="$1" existing="$2" create="$3" update="$4" method="$5"
  jq -n --rawfile body "$work/comment.md" '{body: $body}' >"$work/request.json"
  if [ -n "$existing" ]; then
    "$request" "$method" "$update/$existing" "$work/request.json"
  else
    "$request" POST "$create" "$work/request.json"
  fi
}
