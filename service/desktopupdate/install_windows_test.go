package desktopupdate

import (
	"os"
	"testing"
)

// Run under Wine by test/wine's TestPackagesUnderWine twice: from a temporary folder
// (as a per-user install runs, outside Program Files) and copied into C:\Program
// Files\Sésame (as a per-machine install runs); SESAME_EXPECT_PER_MACHINE says which.
// InstalledPerMachine must tell them apart from Windows' own program folders.
func TestInstalledPerMachineFromWhereItRuns(t *testing.T) {
	want := os.Getenv("SESAME_EXPECT_PER_MACHINE")
	if want != "0" && want != "1" {
		t.Fatal("SESAME_EXPECT_PER_MACHINE is neither 0 nor 1: run through test/wine")
	}
	exe, _ := os.Executable()
	if got := InstalledPerMachine(); got != (want == "1") {
		t.Fatalf("InstalledPerMachine() = %v from %s", got, exe)
	}
}
