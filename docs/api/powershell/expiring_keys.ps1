# Les clés qui expirent dans les 30 jours — keys expiring within 30 days.
# $env:SESAME_URL, $env:SESAME_TOKEN (jeton d'accès d'un administrateur).
$ErrorActionPreference = 'Stop'
$list = Invoke-RestMethod -Uri "$env:SESAME_URL/v1/keys/expiring" -Headers @{ Authorization = "Bearer $env:SESAME_TOKEN" }
foreach ($key in $list.keys) { "$($key.id)  $($key.expiresAt)  $($key.name)" }
