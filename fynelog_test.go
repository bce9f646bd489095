package main

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

func TestQuietPrefsReloadDropsOnlyTheHarmlessReload(t *testing.T) {
	var out bytes.Buffer
	l := log.New(&quietPrefsReload{next: &out}, "2026/11/27 16:12:06 ", 0)
	fyneError := func(reason, cause, at string) { // as fyne.LogError writes
		l.Println("Fyne error: ", reason)
		l.Println("  Cause:", cause)
		l.Printf("  At: %s", at)
	}
	fyneError("Preferences load error:", "EOF", "/go/pkg/mod/fyne.io/fyne/v2@v2.8.1/app/preferences.go:105")
	if out.Len() != 0 {
		t.Fatalf("the harmless reload failure is logged:\n%s", out.String())
	}
	fyneError("Preferences load error:", "invalid character 'x' looking for beginning of value", "/fyne/app/preferences.go:105")
	fyneError("Failed on saving preferences", "EOF", "/fyne/app/preferences.go:62")
	l.Println("Fyne error:  Preferences load error:")
	l.Println("sesame: something else")
	got := out.String()
	for _, want := range []string{"invalid character 'x'", "Failed on saving preferences", "Preferences load error:\n2026/11/27 16:12:06 sesame: something else"} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "Preferences load error:") != 2 || strings.Count(got, "  At: ") != 2 {
		t.Errorf("other messages were changed:\n%s", got)
	}
}
