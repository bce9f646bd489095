package widgets

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A confirmation follows the system's order: « Annuler » left of « Révoquer » on
// macOS and Linux, right of it on Windows; Enter and Escape do the same everywhere.
func TestConfirmButtonsFollowTheSystemsOrder(t *testing.T) {
	test.NewTempApp(t)
	defer func(os string) { buttonOrderOS = os }(buttonOrderOS)
	for goos, want := range map[string][2]string{"darwin": {"Annuler", "Révoquer"}, "linux": {"Annuler", "Révoquer"}, "windows": {"Révoquer", "Annuler"}} {
		buttonOrderOS = goos
		w := test.NewTempWindow(t, widget.NewLabel(""))
		var answers []bool
		d := NewConfirmDialog(w, "Révoquer ?", widget.NewLabel("Révoquer la clé ?"), "Révoquer", "Annuler", widget.DangerImportance, func(ok bool) { answers = append(answers, ok) })
		if got := [2]string{d.Buttons[0].Text, d.Buttons[1].Text}; got != want {
			t.Errorf("%s: buttons %v, want %v", goos, got, want)
		}
		d.Show()
		d.Enter() // an irreversible action is never the default
		if len(answers) != 1 || answers[0] {
			t.Errorf("%s: Enter answered %v, want no", goos, answers)
		}
	}
}
