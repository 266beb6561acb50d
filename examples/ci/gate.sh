#!/bin/sh
# svcaudit's image gate, the one command every recipe in this folder runs:
#
#     svcaudit/examples/ci/gate.sh ARCHIVE [REPORTS]
#
# checks the image archive ARCHIVE (a `docker save` tarball, an OCI layout directory or tar, plain or
# gzip) without running, pulling or extracting it, as any user; writes REPORTS/svcaudit.xml (JUnit),
# svcaudit.html, svcaudit.json (results) and svcaudit-hdf.json (Heimdall) (REPORTS defaults to
# ./svcaudit-reports); and exits as pytest does: 0 when nothing at or above the gate failed, 1 on a
# finding at or above SVCAUDIT_FAIL_ON or a control not assessed, 4 on bad input (an unreadable or
# ambiguous archive, a bad profile), 2 when interrupted. The reports are written whatever the status.
#
# Environment (all optional):
#   SVCAUDIT_FAIL_ON         --fail-on value: any, low, medium, high (default high), e.g. high,not-assessed=high
#   SVCAUDIT_PROFILE         a profile file (relative to the current directory) or a preset (stig-aix7, ...)
#   SVCAUDIT_IMAGE_PLATFORM  os/arch to check when the archive's index holds several images (linux/amd64)
#   SVCAUDIT_PYTEST_ARGS     more pytest arguments, split on spaces (-n 2, -k CRON, a control folder)
#   PYTHON                   the interpreter svcaudit is installed in (default python3)
set -eu
[ $# -ge 1 ] || { echo "usage: $0 ARCHIVE [REPORTS]" >&2; exit 4; }
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
archive=$(absolute "$1")
reports=$(absolute "${2:-svcaudit-reports}")
mkdir -p "$reports"
set -- --image="$archive" --fail-on="${SVCAUDIT_FAIL_ON:-high}" \
    --junitxml="$reports/svcaudit.xml" --html="$reports/svcaudit.html" --self-contained-html \
    --results-json="$reports/svcaudit.json" --hdf="$reports/svcaudit-hdf.json"
profile=${SVCAUDIT_PROFILE:-}
if [ -n "$profile" ]; then
    [ ! -f "$profile" ] || profile=$(absolute "$profile")
    set -- "$@" --profile="$profile"
fi
[ -z "${SVCAUDIT_IMAGE_PLATFORM:-}" ] || set -- "$@" --image-platform="$SVCAUDIT_IMAGE_PLATFORM"
# pytest runs from svcaudit's checkout, whose pyproject.toml names the control folders.
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086  # SVCAUDIT_PYTEST_ARGS is split on purpose
exec "${PYTHON:-python3}" -m pytest -p no:cacheprovider -q -rN "$@" ${SVCAUDIT_PYTEST_ARGS:-}
