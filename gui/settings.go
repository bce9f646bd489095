package gui

import (
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// clipboardDelays are the choices of the "Paramètres" dialog, in seconds.
var clipboardDelays = []int{15, 30, 60, 120, 300}

// settingsDialog holds the app's preferences: for now, how long a copied credential
// stays on the clipboard. A choice is saved as soon as it is made.
type settingsDialog struct {
	delay *widget.Select
	dlg   *dialog.CustomDialog
}

func newSettingsDialog(u *ui) *settingsDialog {
	prefs := u.app.Preferences()
	opts := make([]string, len(clipboardDelays))
	for i, s := range clipboardDelays {
		opts[i] = delayLabel(s)
	}
	s := &settingsDialog{delay: widget.NewSelect(opts, nil)}
	cur := int(clipboardDelay(prefs).Seconds())
	s.delay.SetSelected(delayLabel(cur))
	if s.delay.SelectedIndex() < 0 {
		s.delay.SetOptions(append(opts, delayLabel(cur)))
		s.delay.SetSelected(delayLabel(cur))
	}
	s.delay.OnChanged = func(string) {
		if i := s.delay.SelectedIndex(); i >= 0 && i < len(clipboardDelays) {
			prefs.SetInt(prefClipboardDelay, clipboardDelays[i])
		}
	}
	form := widget.NewForm(widget.NewFormItem(lang.L("Effacer le presse-papiers après"), s.delay))
	help := wrapped(lang.L("Un identifiant ou un secret copié est effacé du presse-papiers après ce délai, s'il y est encore."))
	s.dlg = dialog.NewCustom(lang.L("Paramètres"), lang.L("Fermer"), container.NewVBox(form, help), u.win)
	s.dlg.Resize(dialogSize(s.dlg.MinSize()))
	return s
}

// delayLabel shows a delay in seconds as the select does.
func delayLabel(seconds int) string {
	if seconds%60 == 0 {
		return lang.L("{{.N}} min", map[string]any{"N": seconds / 60})
	}
	return lang.L("{{.N}} s", map[string]any{"N": fmt.Sprint(seconds)})
}
