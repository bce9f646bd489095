package gui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/gui/keytext"
	"sesame/service"
)

// clock is the GUI's time: what "il y a 3 h", the expiry choices and the warnings
// are reckoned from. Tests set a fake one.
var clock = time.Now

// lifeCellText is what the columns of a key's life show: "Expire le", "Dernière
// utilisation" (local mode says it is not tracked), "Ancien secret".
func (t *keyTable) lifeCellText(k service.Key, col int) string {
	switch col {
	case 4:
		return keytext.ExpiresUnder(k, t.backend.profile.KeyPolicy.ForKind(k.Kind))
	case lastUseColumn:
		if t.backend.session == nil {
			return lang.L("ui.non_suivie_mode_local")
		}
		return keytext.Since(k.LastUsedAt, clock())
	case graceColumn:
		return keytext.Grace(k)
	}
	return ""
}
