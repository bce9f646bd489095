package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// closeQuestion is the question a dialog showing a secret once asks before it
// closes (the key's credentials, a webhook's signing secret): one at a time, yes
// closes, and when the window's close button asked, yes closes the window too.
type closeQuestion struct {
	confirm     *widgets.Dialog // the question, while shown
	closeWindow bool            // the question came from the window's close button
}

// ask shows question over win unless it is shown already; yes runs close, then
// closes win when its close button asked.
func (q *closeQuestion) ask(win fyne.Window, question fyne.CanvasObject, close func()) {
	if q.confirm != nil {
		return
	}
	q.confirm = widgets.NewConfirmDialog(win, lang.L("ui.fermer"), question, lang.L("ui.oui_fermer"), lang.L("ui.non_revenir"),
		widget.HighImportance, func(ok bool) {
			q.confirm = nil
			closeWindow := q.closeWindow
			q.closeWindow = false
			if ok {
				close()
				if closeWindow {
					win.Close()
				}
			}
		})
	q.confirm.Show()
}
