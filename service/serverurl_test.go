package service

import (
	"testing"

	"sesame/service/msg"
)

func TestNormalizeServerURL(t *testing.T) {
	ok := map[string]string{
		"https://sesame.cabinet.fr/":           "https://sesame.cabinet.fr",
		" https://sesame.cabinet.fr ":          "https://sesame.cabinet.fr",
		"https://sesame.cabinet.fr:8443/base/": "https://sesame.cabinet.fr:8443/base",
		"http://127.0.0.1:8080":                "http://127.0.0.1:8080",
		"http://localhost:8080/":               "http://localhost:8080",
		"http://[::1]:8080":                    "http://[::1]:8080",
	}
	for in, want := range ok {
		if got, err := NormalizeServerURL(in); err != nil || got != want {
			t.Errorf("NormalizeServerURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]msg.Code{
		"":                           MsgServerURLInvalid,
		"sesame.cabinet.fr":          MsgServerURLInvalid,
		"ftp://sesame.cabinet.fr":    MsgServerURLInvalid,
		"http://sesame.cabinet.fr":   MsgServerURLInsecure,
		"http://192.168.1.10:8080":   MsgServerURLInsecure,
		"https://user:pw@cabinet.fr": MsgServerURLInvalid,
		"https://cabinet.fr/?next=x": MsgServerURLInvalid,
	}
	for in, want := range bad {
		if _, err := NormalizeServerURL(in); ErrorMessage(err) != want {
			t.Errorf("NormalizeServerURL(%q) error %v, want %q", in, err, want)
		}
	}
}
