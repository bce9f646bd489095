"""Obtenir un jeton client_credentials — get a client_credentials token (RFC 6749 §4.4).

SESAME_URL, SESAME_KEY_ID, SESAME_KEY_SECRET.
"""
import os

import requests

answer = requests.post(
    os.environ["SESAME_URL"] + "/oauth2/token",
    auth=(os.environ["SESAME_KEY_ID"], os.environ["SESAME_KEY_SECRET"]),
    data={"grant_type": "client_credentials"},
    timeout=10,
)
answer.raise_for_status()
token = answer.json()
# The token is a secret: send it as "Authorization: Bearer …", never print it.
print(f"jeton {token['token_type']} valable {token['expires_in']} s")
