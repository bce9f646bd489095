# Exporter le journal d'audit en CSV — export the audit journal as CSV.
# $env:SESAME_URL, $env:SESAME_TOKEN, $env:SESAME_OUT (journal-sesame.csv par défaut).
$ErrorActionPreference = 'Stop'
$out = if ($env:SESAME_OUT) { $env:SESAME_OUT } else { 'journal-sesame.csv' }
Invoke-RestMethod -Uri "$env:SESAME_URL/v1/audit?format=csv&from=2026-01-01" `
    -Headers @{ Authorization = "Bearer $env:SESAME_TOKEN" } -OutFile $out
"journal exporté dans $out"
