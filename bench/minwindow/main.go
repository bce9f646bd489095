// Command minwindow opens the smallest Fyne window, built like Sésame, so that the
// cold-start budget of Sésame can be measured against it in the same run.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("fr.cabinet.sesame.minwindow")
	w := a.NewWindow("Minimal")
	w.SetContent(widget.NewLabel("Bonjour"))
	w.ShowAndRun()
}
