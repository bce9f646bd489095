# Obtenir un jeton client_credentials — get a client_credentials token (RFC 6749 §4.4).
# $env:SESAME_URL, $env:SESAME_KEY_ID, $env:SESAME_KEY_SECRET.
$ErrorActionPreference = 'Stop'
$basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($env:SESAME_KEY_ID):$($env:SESAME_KEY_SECRET)"))
$token = Invoke-RestMethod -Method Post -Uri "$env:SESAME_URL/oauth2/token" `
    -Headers @{ Authorization = "Basic $basic" } `
    -ContentType 'application/x-www-form-urlencoded' -Body @{ grant_type = 'client_credentials' }
# Le jeton est un secret : s'en servir (Authorization: Bearer …), ne pas l'afficher.
"jeton $($token.token_type) valable $($token.expires_in) s"
