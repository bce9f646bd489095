package gui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// helpText is what the open guide shows, as text.
func helpText(t *testing.T, h *harness) string {
	t.Helper()
	if h.u.help == nil {
		t.Fatal("the guide is not open")
	}
	var b strings.Builder
	var walk func([]widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch s := s.(type) {
			case *widget.TextSegment:
				b.WriteString(s.Text)
			case *widget.ListSegment:
				walk(s.Items)
			case *widget.ParagraphSegment:
				walk(s.Texts)
			}
			b.WriteString("\n")
		}
	}
	walk(h.u.help.text.Segments)
	return b.String()
}

// helpOpen reports whether the guide's window is among the app's windows.
func helpOpen(h *harness) bool {
	for _, w := range h.app.Driver().AllWindows() {
		if w.Title() == "Sésame — Aide" || w.Title() == "Sésame — Help" {
			return true
		}
	}
	return false
}

func TestHelpOpensWithF1AndTheMenuAndEscapeClosesIt(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	var item *fyne.MenuItem
	for _, m := range h.win.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Aide" && it.Label == "Aide en ligne" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("the Aide menu has no Aide en ligne")
	}
	if s, ok := item.Shortcut.(fyne.KeyboardShortcut); !ok || s.Key() != fyne.KeyF1 || s.Mod() != 0 {
		t.Error("the menu does not say that F1 opens the guide")
	}
	item.Action()
	if !helpOpen(h) {
		t.Fatal("Aide en ligne opens no window")
	}
	text := helpText(t, h)
	for _, want := range []string{"Qu'est-ce qu'une clé d'API ?", "Copier", "Renouveler le secret", "Révoquer",
		"Exporter en CSV…", "Serveur du cabinet", "sesame.db"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French guide does not mention %q", want)
		}
	}
	h.u.help.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if helpOpen(h) || h.u.help != nil {
		t.Fatal("Escape does not close the guide")
	}

	// F1 on the keys page, with the focus nowhere, in a field, on a button, and over
	// a dialog.
	h.openKeys("Loop APIkey")
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !helpOpen(h) {
		t.Fatal("F1 does not open the guide")
	}
	h.u.help.close.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if helpOpen(h) {
		t.Fatal("Escape on the guide's Fermer does not close it")
	}
	h.win.Canvas().Focus(h.u.keysScreen.gen.newName)
	h.u.keysScreen.gen.newName.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !helpOpen(h) {
		t.Fatal("F1 in the new key's name does not open the guide")
	}
	h.u.help.win.Close()
	h.win.Canvas().Focus(h.u.keysScreen.gen.generate)
	h.u.keysScreen.gen.generate.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !helpOpen(h) {
		t.Fatal("F1 on a focused button does not open the guide")
	}
	h.u.help.win.Close()
	h.u.openSettings()
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !helpOpen(h) || h.topOverlay() == nil {
		t.Fatal("F1 over Paramètres does not open the guide beside it")
	}
}

func TestHelpInEnglish(t *testing.T) {
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	t.Setenv("LANG", "en_US.UTF-8")
	h := newHarness(t)
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if h.u.help == nil || h.u.help.win.Title() != "Sésame — Help" {
		t.Fatal("F1 on the first start does not open the English guide")
	}
	text := helpText(t, h)
	if !strings.Contains(text, "What is an API key?") || strings.Contains(text, "clé d'API") {
		t.Errorf("the English guide is not in English:\n%s", text)
	}
}

// The two guides have the same sections, so that neither falls behind.
func TestHelpGuidesHaveTheSameSections(t *testing.T) {
	heads := regexp.MustCompile(`(?m)^#+ `)
	items := regexp.MustCompile(`(?m)^(- |\d+\. )`)
	fr, _ := helpFiles.ReadFile("help/aide.fr.md")
	en, _ := helpFiles.ReadFile("help/help.en.md")
	if a, b := len(heads.FindAll(fr, -1)), len(heads.FindAll(en, -1)); a != b || a < 9 {
		t.Errorf("the French guide has %d headings, the English one %d", a, b)
	}
	if a, b := len(items.FindAll(fr, -1)), len(items.FindAll(en, -1)); a != b {
		t.Errorf("the French guide has %d list items, the English one %d", a, b)
	}
}
