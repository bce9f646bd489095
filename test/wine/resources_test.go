package wine

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tc-hib/winres"

	"sesame/installer"
)

// TestExeResources reads back, from dist/Sésame.exe as built for users, what Explorer
// shows (the icon at every size, Properties → Details) and what Windows reads from
// the manifest: per-monitor DPI awareness and Windows 10/11.
func TestExeResources(t *testing.T) {
	exe := builtExe(t)
	p, err := installer.LoadProduct(filepath.Join(repoRoot(t), "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := installer.Inspect(exe)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.IconSizes, []int{256, 128, 64, 48, 32, 24, 16}) {
		t.Errorf("icon sizes: %v", in.IconSizes)
	}
	for _, lang := range []string{"040C", "0409"} {
		s := in.Strings[lang]
		for _, key := range []string{"CompanyName", "LegalCopyright", "FileDescription", "OriginalFilename", "ProductVersion"} {
			if s[key] == "" {
				t.Errorf("version resource %s: no %s", lang, key)
			}
		}
		if s["OriginalFilename"] != "Sésame.exe" || s["ProductVersion"] != p.Version || !strings.Contains(s["LegalCopyright"], s["CompanyName"]) {
			t.Errorf("version resource %s: %v", lang, s)
		}
	}
	if in.Manifest.DPIAwareness != winres.DPIPerMonitorV2 || in.Manifest.Compatibility != winres.Win10AndAbove {
		t.Errorf("the manifest lacks per-monitor DPI awareness or Windows 10/11:\n%s", in.ManifestXML)
	}
}
