#!/usr/bin/env bash
# The pull-request check of the watasu action (action.yml): validate watasu.yaml (and check the rendered folder),
# compare access with the base branch, post or update one comment on the pull request, and fail when the change
# widens access without the approving label. Runs from the root of the checkout; see docs/ci.md.
#
# Inputs (environment):
#   WATASU                the watasu command (default: bin/watasu next to this script)
#   WATASU_FILE           watasu.yaml (default: watasu.yaml)
#   WATASU_RENDERED       rendered folder kept in the repository, checked with render --check (default: none)
#   WATASU_APPROVE_LABEL  the label that approves widened access (default: access-approved; empty: never approved)
#   WATASU_COMMENT        post the comment: true (default) or false
#   WATASU_COMMENT_AUTHOR only a comment by this login is edited (default: github-actions[bot]; empty: any)
#   GITHUB_TOKEN          for the comment and the labels (pull-requests: write, issues: read)
#   and what the runner sets: GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_SERVER_URL,
#   GITHUB_RUN_ID, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP.
# Outputs (GITHUB_OUTPUT): widened (true/false), comment-url, report (the whole Markdown report).
# Exit code: 0 passed; 1 invalid, stale, breaks the contract, or widened without approval; 3 the tool failed.
set -euo pipefail
# shellcheck source=../lib/review.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/review.sh"
WATASU_COMMENT="${WATASU_COMMENT:-true}"
WATASU_COMMENT_AUTHOR="${WATASU_COMMENT_AUTHOR-github-actions[bot]}"
# GitHub rejects comments over 65,536 characters; the marker and the footer need a few hundred.
WATASU_MAX_LENGTH=64000
api_url="${GITHUB_API_URL:-https://api.github.com}"
work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/watasu-review.XXXXXX")"
trap 'rm -rf "$work"' EXIT
set_output() { [ -z "${GITHUB_OUTPUT:-}" ] || printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }

# The token goes to curl in a header file, never on a command line or in the log.
umask 077
printf 'Authorization: Bearer %s\n' "${GITHUB_TOKEN:-}" >"$work/auth"
# github_api METHOD PATH [BODY_FILE]: the response body in $work/response, the HTTP status on stdout.
github_api() {
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -X "$method" -o "$work/response" -w '%{http_code}' -H @"$work/auth"
    -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28')
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary @"$body")
  curl "${args[@]}" "$api_url$path" || true
}

status=0
echo "::group::watasu: ${WATASU_RENDERED:+render --check and }validate $WATASU_FILE"
set +e
watasu_checks github
checks=$?
set -e
echo "::endgroup::"
[ "$checks" -eq 0 ] || status="$checks"

event="${GITHUB_EVENT_PATH:-}"
number="$( [ -n "$event" ] && jq -r '.pull_request.number // empty' "$event" || true)"
if [ -z "$number" ]; then
  echo "watasu: not a pull request; the access review needs one (on: pull_request)"
  exit "$status"
fi
base="$(jq -r '.pull_request.base.sha' "$event")"
repo="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"

echo "::group::watasu: access change against the base branch ($base)"
ensure_commit "$base"
watasu_diff "$base"
echo "::endgroup::"
widened=false
[ "$diff_code" -ne 4 ] || widened=true
set_output widened "$widened"
if [ -s "$work/diff-full.md" ]; then
  cp "$work/diff-full.md" "${RUNNER_TEMP:-/tmp}/watasu-access-review.md"
  set_output report "${RUNNER_TEMP:-/tmp}/watasu-access-review.md"
  [ -z "${GITHUB_STEP_SUMMARY:-}" ] || head -c 900000 "$work/diff-full.md" >>"$GITHUB_STEP_SUMMARY"
fi
status="$(status_after_diff "$status")"

marker="$(comment_marker)"
run_url="${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/${GITHUB_RUN_ID:-0}"
comment_body "[watasu access review]($run_url)" "in the run's summary"

if [ "$WATASU_COMMENT" = true ]; then
  # The comment of an earlier run: the first with the marker (by the expected author), on any page.
  comments="/repos/$repo/issues/$number/comments"
  if ! existing="$(find_comment github_api "$comments?per_page=100" .user.login "$WATASU_COMMENT_AUTHOR" "$marker")"; then
    echo "::warning title=watasu::cannot list the pull request's comments (HTTP $(cat "$work/list-status")); posting a new one"
  fi
  code="$(post_comment github_api "$existing" "$comments" "/repos/$repo/issues/comments" PATCH)"
  case "$code" in
    200 | 201) set_output comment-url "$(jq -r '.html_url // empty' "$work/response")" ;;
    403) echo "::warning title=watasu::the token may not comment (a pull request from a fork gets a read-only token); the report is in the run's summary" ;;
    *) echo "::warning title=watasu::could not post the comment (HTTP $code); the report is in the run's summary" ;;
  esac
fi

if [ "$widened" = true ]; then
  # The labels as they are now, not as the event saw them: adding the label and re-running the check approves.
  code="$(github_api GET "/repos/$repo/issues/$number/labels?per_page=100")"
  if [ "$code" != 200 ]; then
    echo "::error title=watasu::this change grants new connections, and the labels cannot be read (HTTP $code) to see whether it is approved"
    status=1
  elif [ -n "$WATASU_APPROVE_LABEL" ] && jq -e --arg wanted "$WATASU_APPROVE_LABEL" 'any(.[]; .name == $wanted)' \
    "$work/response" >/dev/null; then
    echo "::notice title=watasu::this change grants new connections; approved by the label $WATASU_APPROVE_LABEL"
  else
    echo "::error title=watasu::this change grants new connections (see the pull request comment); a reviewer who may grant access approves it with the label ${WATASU_APPROVE_LABEL:-(none configured)}"
    [ "$status" -ne 0 ] || status=1
  fi
fi
exit "$status"
