#!/bin/sh
# Les clés qui expirent dans les 30 jours — keys expiring within 30 days.
# SESAME_URL, SESAME_TOKEN (jeton d'accès d'un administrateur — an administrator's access token).
set -eu
curl --silent --show-error --fail-with-body \
  -H "Authorization: Bearer $SESAME_TOKEN" \
  "$SESAME_URL/v1/keys/expiring"
echo
