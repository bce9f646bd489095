package gui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// showAbout says which Sésame this is and where it keeps its data.
func (u *ui) showAbout() {
	if u.win.Canvas().Overlays().Top() != nil {
		return
	}
	md := u.app.Metadata()
	path := shownPath(runtime.GOOS, u.app.Storage().RootURI().Path())
	sep := byte('/')
	if runtime.GOOS == "windows" {
		sep = '\\'
	}
	folder := widget.NewLabel(pathLines(path, sep, aboutPathWidth))
	folder.Wrapping = fyne.TextWrapBreak // a folder's name longer than a line
	copyPath := widgets.NewButton(lang.L("ui.copier_chemin"), theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(path)
	})
	version := widget.NewForm(
		widget.NewFormItem(lang.L("ui.version"), widget.NewLabel(md.Version)),
		widget.NewFormItem(lang.L("ui.dossier_donnees"), container.NewVBox(folder, container.NewBorder(nil, nil, copyPath, nil))),
	)
	intro := widgets.Wrapped(lang.L("ui.sesame_genere_liste_revoque_cles"))
	var d *widgets.Dialog
	ok := widgets.NewButton(lang.L("ui.ok"), nil, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = widgets.NewDialog(u.win, lang.L("ui.propos_sesame"), container.NewVBox(intro, version),
		[]*widgets.Button{ok}, func() { d.Hide() }, func() { d.Hide() })
	d.Show()
}

// aboutPathWidth is the most characters a line of the data folder's path holds in
// « À propos » (the dialog is 480 px wide).
const aboutPathWidth = 40
