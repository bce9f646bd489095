#!/bin/sh
# Vérifier une clé d'API — verify an API key.
# SESAME_URL, SESAME_SERVICE, SESAME_KEY (IDENTIFIANT:secret).
set -eu
curl --silent --show-error --fail-with-body \
  -X POST "$SESAME_URL/v1/verify?service=$SESAME_SERVICE" \
  -H "x-apikey: $SESAME_KEY"
echo
