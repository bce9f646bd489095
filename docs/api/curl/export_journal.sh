#!/bin/sh
# Exporter le journal d'audit en CSV — export the audit journal as CSV.
# SESAME_URL, SESAME_TOKEN, SESAME_OUT (fichier — file, journal-sesame.csv par défaut).
set -eu
out=${SESAME_OUT:-journal-sesame.csv}
curl --silent --show-error --fail-with-body \
  -H "Authorization: Bearer $SESAME_TOKEN" \
  -o "$out" \
  "$SESAME_URL/v1/audit?format=csv&from=2026-01-01"
echo "journal exporté dans $out"
