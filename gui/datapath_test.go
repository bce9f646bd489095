package gui

import (
	"strings"
	"testing"
)

// The data folder in « À propos »: Windows' backslashes, and lines broken after a
// separator, never inside a folder's name.
func TestDataPathAsShown(t *testing.T) {
	if got := shownPath("windows", "C:/Users/Élodie Bernard/AppData/Roaming/fyne/fr.cabinet.sesame"); got != `C:\Users\Élodie Bernard\AppData\Roaming\fyne\fr.cabinet.sesame` {
		t.Errorf("windows: %q", got)
	}
	if got := shownPath("windows", "/C:/Users/x"); got != `C:\Users\x` {
		t.Errorf("windows, URI path: %q", got)
	}
	if got := shownPath("linux", "/home/x/.config/fyne/fr.cabinet.sesame"); got != "/home/x/.config/fyne/fr.cabinet.sesame" {
		t.Errorf("linux: %q", got)
	}
	p := `C:\Users\Élodie Bernard\AppData\Roaming\fyne\fr.cabinet.sesame`
	got := pathLines(p, '\\', 24)
	if strings.ReplaceAll(got, "\n", "") != p {
		t.Fatalf("the lines %q do not make the path again", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if len([]rune(l)) > 24 && strings.Count(l, `\`) > 1 {
			t.Errorf("line %q is longer than 24 characters", l)
		}
		if !strings.HasSuffix(l, `\`) && !strings.HasSuffix(p, l) {
			t.Errorf("line %q ends inside a folder's name", l)
		}
	}
	if got := pathLines("/home/x", '/', 40); got != "/home/x" {
		t.Errorf("a short path is broken: %q", got)
	}
}
