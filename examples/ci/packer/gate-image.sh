#!/bin/sh
# Packer shell-local post-processor (golden.pkr.hcl): save the image just built, then svcaudit's gate.
# IMAGE, IMAGE_ARCHIVE, REPORTS and SVCAUDIT_FAIL_ON come from the template's environment_vars;
# SVCAUDIT_DIR is svcaudit's checkout. A builder that writes the archive itself (an OCI layout, a
# docker save tarball) leaves IMAGE_ARCHIVE in place and nothing is saved.
set -eu
: "${SVCAUDIT_DIR:?set SVCAUDIT_DIR to svcaudit's checkout}"
[ -e "$IMAGE_ARCHIVE" ] || docker save -o "$IMAGE_ARCHIVE" "$IMAGE"
exec "$SVCAUDIT_DIR/examples/ci/gate.sh" "$IMAGE_ARCHIVE" "$REPORTS"
