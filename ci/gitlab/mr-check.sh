#!/usr/bin/env bash
# The merge-request check of ci/gitlab/watasu.gitlab-ci.yml: validate watasu.yaml (and check the rendered folder)
# into a JUnit report, compare access with the target branch, post or update one note on the merge request, and
# fail when the change widens access without the approving label. Runs from the root of the checkout; see
# docs/ci.md.
#
# Inputs (environment):
#   WATASU, WATASU_FILE, WATASU_RENDERED, WATASU_APPROVE_LABEL  as for ci/github/pr-check.sh
#   WATASU_GITLAB_TOKEN   a project access token with the api scope, to post the note (none: no note, and the
#                         labels come from CI_MERGE_REQUEST_LABELS as they were when the pipeline started)
#   WATASU_NOTE_AUTHOR    only a note by this username is edited (default: any, with the marker)
#   WATASU_REPORTS        folder for watasu-checks.xml (JUnit) and watasu-access-review.md (default: .)
#   and what GitLab sets for merge-request pipelines: CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID,
#   CI_MERGE_REQUEST_DIFF_BASE_SHA, CI_MERGE_REQUEST_LABELS, CI_JOB_URL.
# Exit code: 0 passed; 1 invalid, stale, breaks the contract, or widened without approval; 3 the tool failed.
set -euo pipefail
# shellcheck source=../lib/review.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/review.sh"
WATASU_NOTE_AUTHOR="${WATASU_NOTE_AUTHOR:-}"
WATASU_REPORTS="${WATASU_REPORTS:-.}"
# GitLab accepts notes of up to 1,000,000 characters; a long note is still unreadable.
WATASU_MAX_LENGTH=65000
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
token="${WATASU_GITLAB_TOKEN:-}"

umask 077
printf 'PRIVATE-TOKEN: %s\n' "$token" >"$work/auth"
# gitlab_api METHOD PATH [BODY_FILE]: the response body in $work/response, the HTTP status on stdout.
gitlab_api() {
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -X "$method" -o "$work/response" -w '%{http_code}' -H @"$work/auth")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary @"$body")
  curl "${args[@]}" "${CI_API_V4_URL:?CI_API_V4_URL is not set}$path" || true
}
umask 022

mkdir -p "$WATASU_REPORTS"
status=0
set +e
watasu_checks junit >"$WATASU_REPORTS/watasu-checks.xml"
checks=$?
# The JUnit report shows in the merge request; the job log gets the findings only when there are any.
[ "$checks" -eq 0 ] || watasu_checks text
set -e
[ "$checks" -eq 0 ] || status="$checks"

if [ -z "${CI_MERGE_REQUEST_IID:-}" ]; then
  echo "watasu: not a merge-request pipeline; the access review needs one"
  exit "$status"
fi
base="${CI_MERGE_REQUEST_DIFF_BASE_SHA:?CI_MERGE_REQUEST_DIFF_BASE_SHA is not set}"
ensure_commit "$base"
watasu_diff "$base"
[ ! -s "$work/diff-full.md" ] || cp "$work/diff-full.md" "$WATASU_REPORTS/watasu-access-review.md"
status="$(status_after_diff "$status")"

project="/projects/${CI_PROJECT_ID:?CI_PROJECT_ID is not set}/merge_requests/$CI_MERGE_REQUEST_IID"
marker="$(comment_marker)"
comment_body "[watasu access review](${CI_JOB_URL:-})" "an artifact of the job"
labels="${CI_MERGE_REQUEST_LABELS:-}"

if [ -n "$token" ]; then
  if ! existing="$(find_comment gitlab_api "$project/notes?per_page=100&sort=asc" .author.username \
    "$WATASU_NOTE_AUTHOR" "$marker")"; then
    echo "watasu: warning: cannot list the merge request's notes (HTTP $(cat "$work/list-status")); posting a new one" >&2
  fi
  code="$(post_comment gitlab_api "$existing" "$project/notes" "$project/notes" PUT)"
  case "$code" in
    200 | 201) ;;
    *) echo "watasu: warning: could not post the note (HTTP $code); the report is an artifact of the job" >&2 ;;
  esac
  # The labels as they are now: adding the label and re-running the job approves.
  code="$(gitlab_api GET "$project")"
  if [ "$code" = 200 ]; then
    labels="$(jq -r '.labels | join(",")' "$work/response")"
  fi
fi

if [ "$diff_code" -eq 4 ]; then
  if [ -n "$WATASU_APPROVE_LABEL" ] && jq -e -n --arg labels "$labels" --arg wanted "$WATASU_APPROVE_LABEL" \
    '$labels | split(",") | any(. == $wanted)' >/dev/null; then
    echo "watasu: this change grants new connections; approved by the label $WATASU_APPROVE_LABEL"
  else
    echo "watasu: error: this change grants new connections (see the merge request note); a reviewer who may grant access approves it with the label ${WATASU_APPROVE_LABEL:-(none configured)}" >&2
    [ "$status" -ne 0 ] || status=1
  fi
fi
exit "$status"
