"""Les clés qui expirent dans les 30 jours — keys expiring within 30 days.

SESAME_URL, SESAME_TOKEN (an administrator's access token).
"""
import os

import requests

answer = requests.get(
    os.environ["SESAME_URL"] + "/v1/keys/expiring",
    headers={"Authorization": "Bearer " + os.environ["SESAME_TOKEN"]},
    timeout=10,
)
answer.raise_for_status()
for key in answer.json()["keys"]:
    print(f"{key['id']}  {key['expiresAt']}  {key['name']}")
