package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// banner is a strip across the top of a page, coloured by its importance, that
// counts some keys in a sentence and shows them when tapped; hidden while it counts
// none. The expiry and the handover banners are one each.
type banner struct {
	btn  *widgets.Button
	keys []service.Key
}

// newBanner is a hidden banner with its icon and colour (importance).
func newBanner(icon fyne.Resource, importance widget.Importance, onTap func()) banner {
	b := banner{btn: widgets.NewButton("", icon, onTap)}
	b.btn.Importance = importance
	b.btn.Alignment = widget.ButtonAlignLeading
	b.btn.Hide()
	return b
}

// set shows text for keys, or hides the banner when there are none.
func (b *banner) set(keys []service.Key, text string) {
	b.keys = keys
	if len(keys) == 0 {
		b.btn.Hide()
	} else {
		b.btn.SetText(text)
		b.btn.Show()
	}
	widgets.Relayout(b.btn)
}
