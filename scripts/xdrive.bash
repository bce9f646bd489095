# xdrive.bash — shared by scripts/screenshots and bench/coldstart (sourced, not run):
# an Xvfb of our own, and the real app started and driven from screen to screen with
# xdotool. Every step waits for the window title of the screen it expects, so a
# layout change makes a script stop with a clear message instead of going on blind.
#
# Needs: Xvfb, xdotool, ImageMagick's import (scripts/deps test).
# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables set here are read by the sourcing script

# xd_start_xvfb DIR [WxH]: start Xvfb on a free display; sets DISPLAY and XD_XVFB_PID.
xd_start_xvfb() {
  local dir=$1 size=${2:-1280x800}
  # -displayfd: Xvfb picks a free display and writes it once it accepts clients.
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
  XD_XVFB_PID=$!
  local _
  for _ in $(seq 100); do
    [ -s "$dir/display" ] && break
    kill -0 "$XD_XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -s "$dir/display" ] || { echo "Xvfb did not start: $(cat "$dir/xvfb.log")" >&2; return 1; }
  DISPLAY=":$(tr -dc 0-9 <"$dir/display")"
  export DISPLAY
  # Answering a client is the proof that the display is usable.
  xd_x getdisplaygeometry >/dev/null || { echo "Xvfb on $DISPLAY does not answer" >&2; return 1; }
}

# xd_x ARG...: xdotool, tried again when it fails. Xvfb here hangs up on some new
# connections right after their setup request (a few per cent of xdotool runs, seen
# with a bare Xlib client too); such a run sent nothing, so trying again is safe.
xd_x() {
  local _
  for _ in 1 2 3 4 5; do
    xdotool "$@" && return 0
    sleep 0.1
  done
  return 1
}

# xd_stop PID...: end processes we started, and reap them.
xd_stop() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# xd_fresh_home DIR: an empty home with the XDG folders a real account has (Fyne
# does not create ~/.cache itself).
xd_fresh_home() {
  local home=$1
  mkdir -p "$home/.config" "$home/.cache" "$home/.local/share" "$home/.local/state" "$home/.run"
  chmod 700 "$home/.run"
}

# xd_run_app HOME BIN [ARG...]: start a program with that home, in French; sets
# XD_APP_PID. Its output goes to HOME/stdout.log and HOME/stderr.log. Without a
# session bus, X11 would autolaunch a dbus-daemon that outlives the program: point it
# at none unless the caller has one.
xd_run_app() {
  local home=$1; shift
  HOME=$home XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache \
    XDG_DATA_HOME=$home/.local/share XDG_STATE_HOME=$home/.local/state \
    XDG_RUNTIME_DIR=$home/.run LANG=fr_FR.UTF-8 LANGUAGE=fr \
    DBUS_SESSION_BUS_ADDRESS=${DBUS_SESSION_BUS_ADDRESS:-unix:path=/nonexistent/sesame-no-bus} \
    "$@" >"$home/stdout.log" 2>"$home/stderr.log" &
  XD_APP_PID=$!
}

# xd_report_death NAME STDERR_FILE: say that a program died before its first window,
# with everything it wrote on stderr (not a tail: the first lines name the cause), and
# recognise the one death seen here: this machine's Xvfb hangs up on a share of new
# connections right after their setup request (a ten-line Xlib client that opens and
# closes the display in a loop fails 18 % of XOpenDisplay calls, Fyne or not); GLFW's
# automatic platform choice then reports "Failed to detect any supported platform" and
# Fyne, which only logs that, panics at its first window. Windows and macOS builds
# never open an X display, so Sésame's users cannot meet it.
xd_report_death() {
  local name=$1 log=$2
  echo "$name exited before showing a window; its whole stderr:" >&2
  sed 's/^/  | /' "$log" >&2
  if grep -q 'Failed to detect any supported platform\|X11: Failed to open display' "$log"; then
    echo "$name: GLFW could not connect to the X server $DISPLAY (the X server refused the connection)." >&2
  fi
}

# xd_window PID: the id of the process's visible window, or nothing.
xd_window() {
  xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -n 1
}

# xd_wait_title PID REGEX [SECONDS]: wait until the process's visible window has a
# title matching REGEX (grep -E); prints the window id. Fails if the process ends.
xd_wait_title() {
  local pid=$1 re=$2 secs=${3:-30} deadline wid title
  deadline=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the app (pid $pid) has exited" >&2; return 1; }
    wid=$(xd_window "$pid")
    if [ -n "$wid" ]; then
      title=$(xdotool getwindowname "$wid" 2>/dev/null || true)
      if printf '%s' "$title" | grep -Eq -- "$re"; then
        echo "$wid"
        return 0
      fi
    fi
    sleep 0.1
  done
  echo "no window titled /$re/ within ${secs}s (last title: '${title:-none}')" >&2
  return 1
}

# xd_click WID X Y: click at X,Y inside the window (negative: from the right/bottom).
xd_click() {
  local wid=$1 x=$2 y=$3 w h
  eval "$(xd_x getwindowgeometry --shell "$wid")"
  w=$WIDTH h=$HEIGHT
  [ "$x" -lt 0 ] && x=$(( w + x ))
  [ "$y" -lt 0 ] && y=$(( h + y ))
  xd_x mousemove --window "$wid" "$x" "$y" click 1
}

# xd_type TEXT: type into the focused field (xdotool types UTF-8 through keysyms).
xd_type() {
  xd_x type --delay 20 -- "$1"
}

# xd_key KEY...: press keys (xdotool key names: Tab, Return, ctrl+a).
xd_key() {
  xd_x key --delay 50 "$@"
}

# xd_shoot WID FILE: save the window's picture.
xd_shoot() {
  import -window "$1" "$2"
}

# The app's screens, as its window titles say (gui/ui.go, French).
XD_TITLE_SETUP='Profil du cabinet'
XD_TITLE_PROFILE='^Sésame — Profil$'
XD_TITLE_CATALOGUE='^Sésame — Catalogue de services$'
XD_TITLE_KEYS="^Sésame — Liste des clés d'API pour le service "
XD_TITLE_SIGNIN='^Sésame — Connexion$'

# --- the app's flow (gui/: setup.go, profile.go, catalogue.go, keys.go, generated.go)
# Positions are those of the 980x720 window under Xvfb (no window manager, so the
# window sits at 0,0 without decorations); each step checks the title it leads to.

# xd_setup_firm PID SIC FIRM ADMIN: fill the first-start form (focus starts in the SIC
# field; Enter in a field submits) and wait for the profile. Prints the window id.
xd_setup_firm() {
  local pid=$1 sic=$2 firm=$3 admin=$4
  xd_wait_title "$pid" "$XD_TITLE_SETUP" 60 >/dev/null || return 1
  sleep 0.5
  xd_type "$sic"; xd_key Tab; xd_type "$firm"; xd_key Tab ctrl+a; xd_type "$admin"
  xd_key Return
  xd_wait_title "$pid" "$XD_TITLE_PROFILE" 30
}

# xd_goto_catalogue PID WID: from the profile, the "Catalogue de services" button,
# first at the bottom left.
xd_goto_catalogue() {
  xd_click "$2" 60 -26
  xd_wait_title "$1" "$XD_TITLE_CATALOGUE" 30
}

# xd_goto_keys PID WID: from the catalogue, the key button of its first row (Loop
# APIkey in the shipped catalogue), at the right edge of the list.
xd_goto_keys() {
  xd_click "$2" -70 205
  xd_wait_title "$1" "$XD_TITLE_KEYS" 30
}

# xd_type_new_key WID NAME: type a new key's name in the field at the bottom and press
# Enter: the one-time dialog opens.
xd_type_new_key() {
  local wid=$1 name=$2
  xd_click "$wid" 500 -28
  xd_type "$name"; xd_key Return
}

# xd_close_credentials: close the one-time dialog: Escape asks to confirm, Enter
# answers "Oui, fermer" (its default, wherever the system puts the button: last on
# macOS and Linux, first on Windows). Focus then is back in the name field.
xd_close_credentials() {
  xd_key Escape; sleep 0.5
  xd_key Return; sleep 0.7
}

# xd_generate_key WID NAME [SHOT]: generate a key; the one-time dialog is saved to SHOT
# if given, then closed.
xd_generate_key() {
  local wid=$1 name=$2 shot=${3:-}
  xd_type_new_key "$wid" "$name"
  sleep 1.5
  [ -z "$shot" ] || xd_shoot "$wid" "$shot"
  xd_close_credentials
}
