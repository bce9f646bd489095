"""Vérifier une clé d'API — verify an API key.

SESAME_URL, SESAME_SERVICE, SESAME_KEY (IDENTIFIANT:secret).
"""
import os
import sys

import requests

answer = requests.post(
    os.environ["SESAME_URL"] + "/v1/verify",
    params={"service": os.environ["SESAME_SERVICE"]},
    headers={"x-apikey": os.environ["SESAME_KEY"]},
    timeout=10,
)
if answer.status_code != 200:
    # RFC 9457: "detail" is the sentence to show, "code" the message code.
    problem = answer.json()
    sys.exit(f"clé refusée ({answer.status_code} {problem['code']}) : {problem['detail']}")
key = answer.json()
print(f"clé acceptée : tiers {key['tiers']}, service {key['service']}, nom {key['name']}")
