"""Exporter le journal d'audit en CSV — export the audit journal as CSV.

SESAME_URL, SESAME_TOKEN, SESAME_OUT (file, journal-sesame.csv by default).
"""
import os

import requests

out = os.environ.get("SESAME_OUT", "journal-sesame.csv")
with requests.get(
    os.environ["SESAME_URL"] + "/v1/audit",
    params={"format": "csv", "from": "2026-01-01"},
    headers={"Authorization": "Bearer " + os.environ["SESAME_TOKEN"]},
    stream=True,
    timeout=60,
) as answer:
    answer.raise_for_status()
    total = answer.headers.get("X-Sesame-Audit-Total")
    with open(out, "wb") as f:
        for chunk in answer.iter_content(64 * 1024):
            f.write(chunk)
print(f"journal exporté dans {out} ({total} événements)")
