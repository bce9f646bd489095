package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// An error line keeps the same room with or without its sentence, however long; a
// sentence cut at the line's end is shown whole under the pointer, and only then.
func TestErrorLineKeepsItsRoomAndShowsACutSentenceWhole(t *testing.T) {
	test.NewTempApp(t)
	l := FieldError()
	line := NewErrorLine(l)
	below := widget.NewEntry()
	w := test.NewWindow(container.NewVBox(widget.NewEntry(), line, below))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 200))
	empty, at := line.MinSize(), below.Position()

	long := strings.Repeat("Indiquez une date jj/mm/aaaa qui existe. ", 4)
	ShowFieldText(l, long)
	if line.MinSize() != empty || below.Position() != at {
		t.Errorf("a long sentence grew the line %v → %v, moved the field below %v → %v", empty, line.MinSize(), at, below.Position())
	}
	if empty.Height <= 0 {
		t.Error("the line keeps no room")
	}
	test.MoveMouse(w.Canvas(), line.Position().Add(fyne.NewPos(5, 5)))
	if o := w.Canvas().Overlays().Top(); o == nil || !strings.Contains(labelsText(o), strings.TrimSpace(long)) {
		t.Error("a cut sentence is not shown whole under the pointer")
	}
	test.MoveMouse(w.Canvas(), below.Position().Add(fyne.NewPos(5, 5)))
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the whole sentence stays after the pointer left the line")
	}

	ShowFieldText(l, "Trop court.")
	test.MoveMouse(w.Canvas(), line.Position().Add(fyne.NewPos(5, 5)))
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a sentence that fits is shown again under the pointer")
	}
}

// labelsText is the text of the labels in o's tree.
func labelsText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text
	case *fyne.Container:
		var b strings.Builder
		for _, k := range v.Objects {
			b.WriteString(labelsText(k))
		}
		return b.String()
	case fyne.Widget:
		var b strings.Builder
		for _, k := range test.WidgetRenderer(v).Objects() {
			b.WriteString(labelsText(k))
		}
		return b.String()
	}
	return ""
}

// A two-line room wraps a sentence that fits in two lines, whole, and keeps its
// height for a longer one, cut and shown whole under the pointer.
func TestErrorLinesWrapWithinTheirRoom(t *testing.T) {
	test.NewTempApp(t)
	l := FieldError()
	line := NewErrorLines(l, 2)
	below := widget.NewEntry()
	w := test.NewWindow(container.NewVBox(widget.NewEntry(), line, below))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 260))
	one := NewErrorLine(FieldError()).MinSize().Height
	if h := line.MinSize().Height; h < 2*one-theme.Padding() {
		t.Errorf("two lines keep %v px, one %v", h, one)
	}
	at := below.Position()
	ShowFieldText(l, "Entrez l'adresse du serveur du cabinet, par exemple https://sesame.cabinet.fr.")
	test.MoveMouse(w.Canvas(), line.Position().Add(fyne.NewPos(5, 5)))
	if w.Canvas().Overlays().Top() != nil || below.Position() != at {
		t.Errorf("a two-line sentence is cut (tooltip shown %v) or moved the field below %v → %v",
			w.Canvas().Overlays().Top() != nil, at, below.Position())
	}
	test.MoveMouse(w.Canvas(), below.Position().Add(fyne.NewPos(5, 5)))
	ShowFieldText(l, strings.Repeat("Entrez l'adresse du serveur du cabinet. ", 5))
	test.MoveMouse(w.Canvas(), line.Position().Add(fyne.NewPos(5, 5)))
	if w.Canvas().Overlays().Top() == nil || below.Position() != at {
		t.Error("a five-line sentence is not shown whole under the pointer, or moved the field below")
	}
}
