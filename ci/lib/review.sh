# Shared steps of the pull-request checks (ci/github/pr-check.sh, ci/gitlab/mr-check.sh); sourced, not run.
#
# Expects: WATASU (the watasu command), WATASU_FILE (watasu.yaml), WATASU_RENDERED (rendered folder, or empty),
# WATASU_MAX_LENGTH (comment limit of the forge), work (a private temporary folder).

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

# The comment: a hidden marker naming the file (so that the next run finds it and edits it), the report (or why
# there is none), and a footer. Written to $work/comment.md.
comment_body() {
  local marker="$1" footer="$2"
  {
    printf '%s\n' "$marker"
    case "$diff_code" in
      0 | 4) cat "$work/diff.md" ;;
      1) printf '## watasu.yaml is invalid\n\n`%s` does not load at one of the revisions, so the change in access is not known. The check lists the errors.\n' "$WATASU_FILE" ;;
      *) printf '## The access review did not run\n\n`watasu diff` failed (exit code %s); see the log of the check.\n' "$diff_code" ;;
    esac
    printf '\n---\n%s\n' "$footer"
  } >"$work/comment.md"
}
