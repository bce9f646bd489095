package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// showAbout says which Sésame this is and where it keeps its data.
func (u *ui) showAbout() {
	if u.win.Canvas().Overlays().Top() != nil {
		return
	}
	md := u.app.Metadata()
	version := widget.NewForm(
		widget.NewFormItem(lang.L("ui.version"), widget.NewLabel(md.Version)),
		widget.NewFormItem(lang.L("ui.dossier_donnees"), selectable(u.app.Storage().RootURI().Path())),
	)
	intro := widgets.Wrapped(lang.L("ui.sesame_genere_liste_revoque_cles"))
	var d *widgets.Dialog
	ok := widgets.NewButton(lang.L("ui.ok"), nil, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = widgets.NewDialog(u.win, lang.L("ui.propos_sesame"), container.NewVBox(intro, version),
		[]*widgets.Button{ok}, func() { d.Hide() }, func() { d.Hide() })
	d.Show()
}

// selectable is a label whose text can be selected and copied (a folder's path).
func selectable(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Selectable = true
	l.Wrapping = fyne.TextWrapBreak
	return l
}
