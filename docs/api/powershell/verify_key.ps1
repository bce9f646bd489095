# Vérifier une clé d'API — verify an API key (Windows PowerShell 5.1 or PowerShell 7).
# $env:SESAME_URL, $env:SESAME_SERVICE, $env:SESAME_KEY (IDENTIFIANT:secret).
$ErrorActionPreference = 'Stop'
$uri = "$env:SESAME_URL/v1/verify?service=$([uri]::EscapeDataString($env:SESAME_SERVICE))"
try {
    $key = Invoke-RestMethod -Method Post -Uri $uri -Headers @{ 'x-apikey' = $env:SESAME_KEY }
    "clé acceptée : tiers $($key.tiers), service $($key.service), nom $($key.name)"
} catch {
    # RFC 9457 : detail est la phrase à montrer — detail is the sentence to show.
    $problem = $_.ErrorDetails.Message | ConvertFrom-Json
    Write-Error "clé refusée ($($problem.code)) : $($problem.detail)"
}
