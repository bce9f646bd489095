# shots-server.bash — sourced by scripts/screenshots after xdrive.bash: a throw-away
# sesame-server of its own, and the app in server mode taking the pictures of the
# server's windows (10 to 16, 19). Uses the caller's $tmp (with the built sesame,
# sesame-server and newsecret), $out and $here.
# shellcheck shell=bash

# shots_start_server DIR: a new base in DIR with the firm, its attached tiers and an
# administrator whose password is made here and thrown away; serves it on a free
# loopback port (plain HTTP is allowed there). Sets SRV_PID and SRV_URL, and exports
# SHOTS_LOGIN and SHOTS_PASSWORD for the stand-in browser (scripts/shots-bin/xdg-open).
shots_start_server() {
  local dir=$1 srv=$tmp/sesame-server port _
  mkdir -p "$dir"
  "$srv" init --db "$dir/sesame.db" >/dev/null
  "$srv" master-key init --file "$dir/master.key" >/dev/null
  "$srv" tiers add --db "$dir/sesame.db" --code 95963 --name "FUTUROSCOPE CEDEX" >/dev/null
  "$srv" tiers add --db "$dir/sesame.db" --code 40012 --name "SARL DUPONT ET FILS" --attached-to 95963 >/dev/null
  SHOTS_LOGIN=vdelhumeau
  SHOTS_PASSWORD="Mdp-$(head -c 18 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
  export SHOTS_LOGIN SHOTS_PASSWORD
  printf '%s\n' "$SHOTS_PASSWORD" | "$srv" admin add --db "$dir/sesame.db" --login "$SHOTS_LOGIN" \
    --name "DELHUMEAU Vincent" --tiers 95963 >/dev/null
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$srv" serve --db "$dir/sesame.db" --master-key-file "$dir/master.key" --listen "127.0.0.1:$port" \
    >"$dir/serve.log" 2>&1 &
  SRV_PID=$!
  SRV_URL=http://127.0.0.1:$port
  for _ in $(seq 100); do
    curl -sf "$SRV_URL/readyz" >/dev/null && return 0
    kill -0 "$SRV_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "screenshots: sesame-server did not start:" >&2
  cat "$dir/serve.log" >&2
  return 1
}

# shots_both WID NAME [BLUR...]: save the window at 1366 then 683 px wide as
# NAME-1366.png and NAME-683.png; each BLUR is WIDTH:GEOMETRY (ImageMagick's
# -region, e.g. 1366:600x40+385+348), blurred in the picture of that width.
shots_both() {
  local wid=$1 name=$2 w b; shift 2
  for w in 1366 683; do
    xd_x windowsize "$wid" "$w" 768; sleep 1
    xd_shoot "$wid" "$name-$w.png"
    for b in "$@"; do
      [ "${b%%:*}" = "$w" ] && convert "$name-$w.png" -region "${b#*:}" -blur 0x10 "$name-$w.png"
    done
  done
  xd_x windowsize "$wid" 1366 768; sleep 1
}

# shots_server_mode THEME: the app on a new home, in server mode on SRV_URL, in the
# dark (sombre) or light (clair) theme; signs in, then takes 10 to 16 and 19.
shots_server_mode() {
  local theme=$1 home=$tmp/home-$1 pid wid base partner bank
  local fyne_theme=dark; [ "$theme" = clair ] && fyne_theme=light
  xd_fresh_home "$home"
  mkdir -p "$home/.config/fyne/fr.cabinet.sesame"
  printf '{"backend.mode":"server","backend.serverURL":"%s"}' "$SRV_URL" \
    >"$home/.config/fyne/fr.cabinet.sesame/preferences.json"
  xd_run_app "$home" env FYNE_THEME=$fyne_theme PATH="$here/shots-bin:$PATH" "$tmp/sesame"
  pid=$XD_APP_PID
  # The first run signs in; the next finds its session in the keyring.
  wid=$(xd_wait_title "$pid" "$XD_TITLE_SIGNIN|$XD_TITLE_PROFILE" 60)
  if xdotool getwindowname "$wid" | grep -Eq -- "$XD_TITLE_SIGNIN"; then
    xd_x windowsize "$wid" 1000 540; sleep 1
    # « Se connecter avec votre passeport »: the stand-in browser signs in.
    xd_click "$wid" 360 304
    wid=$(xd_wait_title "$pid" "$XD_TITLE_PROFILE" 30)
  fi
  xd_x windowsize "$wid" 1366 768; sleep 1.5
  if [ "$theme" = clair ]; then
    # 16: the update notice, shown once signed in; « Plus tard » (Escape) closes it.
    xd_shoot "$wid" "$out/16-mise-a-jour-clair.png"
    xd_key Escape; sleep 0.5
  fi
  wid=$(xd_goto_catalogue "$pid" "$wid"); sleep 0.7
  wid=$(xd_goto_keys "$pid" "$wid"); sleep 0.7

  # 10: a firm key, then « Remettre… » in its one-time dialog, « Créer le lien »:
  # the link and its code, blurred (a throw-away server's, blurred all the same).
  xd_type_new_key "$wid" "Paie - Silae"; sleep 1.5
  xd_click "$wid" 622 607; sleep 1
  xd_key Return; sleep 1.5 # « Créer le lien »
  shots_both "$wid" "$out/10-remise-$theme" 1366:600x40+385+348 1366:200x40+385+477 \
    683:600x60+40+330 683:200x40+40+480
  xd_key Return; sleep 0.7 # Fermer

  # 11: a partner key (closed as 04's), then the table: its Type column, the pending row.
  xd_click "$wid" -127 -71; sleep 0.3
  xd_type_new_key "$wid" "Echanges ACME"; sleep 1
  xd_type "ACME SAS"; xd_key Tab; xd_type "732 829 320 00074"; xd_key Tab
  xd_type "Jeanne Martin"; xd_key Tab; xd_type "jeanne.martin@acme.fr"; xd_key Return
  sleep 1.5
  partner=$(shots_copy_secret "$wid") # for 19
  xd_close_credentials
  shots_both "$wid" "$out/11-cles-type-$theme"

  # 12: a name, then the Restrictions section of the Générer row unfolded, and
  # addresses typed in it.
  xd_click "$wid" 300 -28; xd_type "Portail ACME"
  xd_click "$wid" -329 -67; sleep 1
  xd_click "$wid" 760 555 # the addresses
  xd_type "203.0.113.0/24"; xd_key Return; xd_type "2001:db8::/32"
  shots_both "$wid" "$out/12-restrictions-generation-$theme"

  # 13: the details of the partner key (a click on its row), « Restrictions… ».
  xd_click "$wid" 100 213; sleep 1.5
  xd_click "$wid" 907 438; sleep 1
  xd_type "198.51.100.7"
  shots_both "$wid" "$out/13-restrictions-$theme"
  xd_key Escape; sleep 0.7

  # 14: Paramètres (Ctrl+,), « Notifications… ».
  xd_key ctrl+comma; sleep 1
  xd_click "$wid" 484 -114; sleep 1.5
  xd_shoot "$wid" "$out/14-notifications-$theme.png"
  xd_key Escape; sleep 0.5; xd_key Escape; sleep 0.5

  # 15: Santé des clés, from the Affichage menu.
  xd_click "$wid" 110 14; sleep 0.5
  xd_key Down Down Return; sleep 1.5
  xd_shoot "$wid" "$out/15-sante-des-cles-$theme.png"

  # 19: back to the keys page (« Retour au profil », the catalogue), a firm key whose
  # secret is copied; a folder of the home's Documents holding it, the partner key's
  # and an unknown one; Fichier → « Rechercher des secrets exposés… », « Ajouter un
  # dossier… » (Fyne's chooser opens in Documents: the folder, « Ouvrir »), Enter.
  xd_click "$wid" 80 49
  wid=$(xd_wait_title "$pid" "$XD_TITLE_PROFILE" 30); sleep 0.7
  wid=$(xd_goto_catalogue "$pid" "$wid"); sleep 0.7
  wid=$(xd_goto_keys "$pid" "$wid"); sleep 0.7
  xd_click "$wid" -240 -71 # « Clé du cabinet »
  xd_type_new_key "$wid" "Synchro banque (Qonto)"; sleep 1.5
  bank=$(shots_copy_secret "$wid")
  xd_close_credentials
  shots_scan_folder "$home/Documents/Partage" "$bank" "$partner" "$("$tmp/newsecret")"
  xd_click "$wid" 37 14; sleep 0.5
  xd_key Down Down Down Return; sleep 1
  xd_click "$wid" 1006 229; sleep 1   # « Ajouter un dossier… »
  xd_click "$wid" 716 330; sleep 0.8  # Partage, in Documents
  xd_click "$wid" 901 550; sleep 0.8  # « Ouvrir »
  xd_key Return; sleep 2              # « Rechercher »
  xd_shoot "$wid" "$out/19-secrets-exposes-$theme.png"
  xd_key Escape; sleep 0.5
  xd_stop "$pid"; XD_APP_PID=''
}

# shots_copy_secret WID: « Copier » beside the secret of the one-time dialog on show
# (the 1366 px window), and prints what the app put on the clipboard, to be written
# only into the folder 19 scans.
shots_copy_secret() {
  local secret
  xd_click "$1" 964 528; sleep 0.5
  secret=$(xclip -o -selection clipboard)
  case "$secret" in
    ssk_*) printf '%s' "$secret" ;;
    *) echo "screenshots: « Copier » put no secret on the clipboard" >&2; return 1 ;;
  esac
}

# shots_scan_folder DIR TEXT_SECRET DOCX_SECRET UNKNOWN_SECRET: what 19 scans: a note
# (.txt) with one secret, a Word document (.docx: a zip of its XML parts) with
# another, and a script's log with a secret of no key.
shots_scan_folder() {
  local dir=$1 docx
  mkdir -p "$dir/Banque" "$dir/Partenaires" "$dir/Scripts"
  printf 'Synchro bancaire Qonto : installation\n\nAdresse : https://api.cabinet.example/v1/banque\nSecret de la clé : %s\nA ranger dans le coffre, puis effacer ce fichier.\n' \
    "$2" >"$dir/Banque/installation-synchro.txt"
  printf '2026-11-02 08:00:01 export FEC : début\n2026-11-02 08:00:02 export FEC : clé %s\n2026-11-02 08:00:05 export FEC : 1248 écritures\n' \
    "$4" >"$dir/Scripts/export-fec.log"
  docx=$(mktemp -d "$tmp/docx.XXXXXX")
  mkdir "$docx/word"
  printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>\n' \
    >"$docx/[Content_Types].xml"
  printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Échanges avec ACME SAS : votre accès</w:t></w:r></w:p><w:p><w:r><w:t>Secret : %s</w:t></w:r></w:p></w:body></w:document>\n' \
    "$3" >"$docx/word/document.xml"
  (cd "$docx" && zip -q -X -r "$dir/Partenaires/ACME.docx" '[Content_Types].xml' word)
  rm -rf "$docx"
}
