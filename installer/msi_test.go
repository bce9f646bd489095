package installer

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sesame/assets"
)

// msiTable is one table of an MSI as msiinfo exports it: the first column's value to
// the rest of the row.
func msiTable(t *testing.T, msi, table string) map[string][]string {
	t.Helper()
	cmd := exec.Command("msiinfo", "export", msi, table)
	cmd.Dir = t.TempDir() // a table with binary columns is exported as files there
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("msiinfo export %s: %v", table, err)
	}
	rows := map[string][]string{}
	for i, line := range strings.Split(strings.TrimRight(string(out), "\r\n"), "\n") {
		if i < 3 { // column names, types, table name
			continue
		}
		cells := strings.Split(strings.TrimRight(line, "\r"), "\t")
		rows[cells[0]] = cells[1:]
	}
	return rows
}

// TestMSIDeclaresUpgradesAndThePublisher reads back, with msitools' msiinfo, what
// Windows Installer and « Applications et fonctionnalités » take from the package:
// the fixed UpgradeCode, the version, the publisher (escaped), the icon, the per-user
// default and the upgrade rule. test/wine installs such a package for real.
func TestMSIDeclaresUpgradesAndThePublisher(t *testing.T) {
	p := product(t)
	p.Publisher = "Cabinet Dupont & Fils <Lyon>"
	p.Version = "1.2.3"
	msi := filepath.Join(t.TempDir(), "Sesame.msi")
	if err := BuildMSI(p, assets.Icon(), windowsExe(t, p), msi); err != nil {
		t.Fatal(err)
	}
	props := msiTable(t, msi, "Property")
	want := map[string]string{
		"ProductName":    "Sésame",
		"ProductVersion": "1.2.3",
		"Manufacturer":   p.Publisher,
		"UpgradeCode":    UpgradeCode,
		"ARPPRODUCTICON": "Sesame.ico",
	}
	for name, value := range want {
		if got := props[name]; len(got) != 1 || got[0] != value {
			t.Errorf("Property %s: got %q, want %q", name, got, value)
		}
	}
	if v, ok := props["ALLUSERS"]; ok {
		t.Errorf("ALLUSERS is %q in the package: the default must be a per-user install", v)
	}
	// MajorUpgrade: any older version of the same UpgradeCode is found and removed.
	out, err := exec.Command("msiinfo", "export", msi, "Upgrade").Output()
	if err != nil {
		t.Fatal(err)
	}
	// UpgradeCode, VersionMin, VersionMax, Language, Attributes, Remove, ActionProperty:
	// versions below this one, their features migrated (1), set WIX_UPGRADE_DETECTED.
	older := UpgradeCode + "\t\t1.2.3\t\t1\t\tWIX_UPGRADE_DETECTED"
	if !strings.Contains(strings.ReplaceAll(string(out), "\r", ""), older) {
		t.Errorf("no Upgrade row finds the older versions:\n%s", out)
	}
	if _, ok := msiTable(t, msi, "InstallExecuteSequence")["RemoveExistingProducts"]; !ok {
		t.Error("RemoveExistingProducts is not scheduled")
	}
	files := msiTable(t, msi, "File")
	if row, ok := files["SesameExe"]; !ok || !strings.HasSuffix(row[1], "Sésame.exe") {
		t.Errorf("the package does not install Sésame.exe: %v", files)
	}
	if _, ok := msiTable(t, msi, "Icon")["Sesame.ico"]; !ok {
		t.Error("the package carries no icon for « Applications et fonctionnalités »")
	}
	// REMOVEDATA=1 on an uninstall (never an upgrade) runs the installed program, at
	// once (type 18: no deferral, as the user), while it is still there, to remove
	// the user's data folder; a failure fails the uninstall.
	if ca := msiTable(t, msi, "CustomAction")["RemoveData"]; len(ca) < 3 || ca[0] != "18" || ca[1] != "SesameExe" || ca[2] != "--remove-data" {
		t.Errorf("no custom action runs Sésame.exe --remove-data: %q", ca)
	}
	seq := msiTable(t, msi, "InstallExecuteSequence")
	if row := seq["RemoveData"]; len(row) != 2 || row[0] != `REMOVE~="ALL" AND REMOVEDATA="1" AND NOT UPGRADINGPRODUCTCODE` || row[1] >= seq["RemoveFiles"][1] {
		t.Errorf("RemoveData is not conditioned on REMOVEDATA=1 before RemoveFiles: %q (RemoveFiles %q)", row, seq["RemoveFiles"])
	}
}
