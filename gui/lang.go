package gui

import (
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/lang"

	"sesame/assets/messages"
	"sesame/internal/localdate"
	"sesame/service/msg"
)

// setUpLanguage loads Sésame's catalogue of messages (assets/messages, keyed by
// message code) into Fyne's translator: English when the system speaks English,
// French for every other language (Fyne's matcher would otherwise fall back to
// English). The domain's sentences (msg.T) follow the same choice.
func setUpLanguage() error {
	localdate.Use(localdate.ForLocale(dateLocale()))
	english := systemIsEnglish()
	if err := setDataLanguage(english); err != nil {
		return err
	}
	fr, err := messages.FS.ReadFile("fr.json")
	if err != nil {
		return err
	}
	en, err := messages.FS.ReadFile("en.json")
	if err != nil {
		return err
	}
	if err := lang.AddTranslationsForLocale(fr, "fr"); err != nil {
		return err
	}
	msg.SetLanguage(msg.French)
	if english {
		msg.SetLanguage(msg.English)
		return lang.AddTranslationsForLocale(en, "en")
	}
	// Whatever language the matcher picks for a non-English system, its fallback is
	// English: make that fallback French for Sésame's strings.
	return lang.AddTranslationsForLocale(fr, "en")
}

// systemIsEnglish reports whether the system's language is English. On Unix-like
// systems the locale comes from the environment, where an unset locale, C and POSIX
// name no language (Fyne reads them as English; Sésame shows French).
func systemIsEnglish() bool {
	if !strings.HasPrefix(string(lang.SystemLocale()), "en") {
		return false
	}
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return strings.HasPrefix(envLocale(), "en")
}

// dateLocale is the locale whose order of day and month the pages follow: LC_ALL,
// LC_TIME or LANG where the environment names one (Unix), else the system's.
func dateLocale() string {
	for _, v := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if l := os.Getenv(v); l != "" && l != "C" && l != "POSIX" && !strings.HasPrefix(l, "C.") {
			return l
		}
	}
	return string(lang.SystemLocale())
}

// envLocale is the locale the gettext environment variables select, "" for none.
func envLocale() string {
	loc := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(v); loc != "" {
			break
		}
	}
	if loc == "C" || loc == "POSIX" || strings.HasPrefix(loc, "C.") {
		return ""
	}
	if l := os.Getenv("LANGUAGE"); l != "" {
		return l
	}
	return loc
}
