#!/bin/sh
# Obtenir un jeton client_credentials — get a client_credentials token (RFC 6749 §4.4):
# l'identifiant de la clé est le client_id, son secret le client_secret.
# SESAME_URL, SESAME_KEY_ID, SESAME_KEY_SECRET.
set -eu
answer=$(curl --silent --show-error --fail-with-body \
  -u "$SESAME_KEY_ID:$SESAME_KEY_SECRET" \
  -d grant_type=client_credentials \
  "$SESAME_URL/oauth2/token")
# Le jeton est un secret : s'en servir (Authorization: Bearer …), ne pas l'afficher.
# The token is a secret: use it, do not print it.
echo "$answer" | sed -n 's/.*"expires_in":\([0-9]*\).*/jeton valable \1 s/p'
