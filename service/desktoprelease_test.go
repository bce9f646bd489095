package service

import "testing"

func TestDesktopVersions(t *testing.T) {
	for _, v := range []string{"", "1", "1.2", "1.2.3.4", "1.2.x", "01.2.3", "256.0.0", "1.256.0", "1.0.65536", "-1.0.0", "1..3", " 1.2.3"} {
		if _, err := ParseDesktopVersion(v); ErrorMessage(err) != MsgDesktopVersionInvalid {
			t.Errorf("ParseDesktopVersion(%q) = %v, want %s", v, err, MsgDesktopVersionInvalid)
		}
	}
	for _, c := range []struct {
		a, b  string
		newer bool
	}{
		{"1.10.0", "1.9.9", true},
		{"1.2.0", "1.2.0", false},
		{"1.2.1", "1.2.0", true},
		{"2.0.0", "1.255.65535", true},
		{"1.2.0", "1.10.0", false},
		{"bogus", "1.0.0", false},
		{"0.1.0", "", true}, // a build without a version (go build) takes any update
	} {
		if got := DesktopVersionNewer(c.a, c.b); got != c.newer {
			t.Errorf("DesktopVersionNewer(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func FuzzParseDesktopVersion(f *testing.F) {
	for _, s := range []string{"1.2.3", "255.255.65535", "1.2", "01.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDesktopVersion(s)
		if err != nil {
			return
		}
		if v[0] > 255 || v[1] > 255 || v[2] > 65535 || DesktopVersionNewer(s, s) {
			t.Fatalf("%q read as %v", s, v)
		}
	})
}
