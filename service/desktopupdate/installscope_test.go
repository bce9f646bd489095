package desktopupdate

import "testing"

// Issue 19 item 6, the reviewer's defect: a Sésame installed per machine (in
// Program Files, ALLUSERS=1) is not updated by a per-user install beside it. The
// decision is a function of the running program's path and the system's program
// folders, in Windows' spelling (any case, either slash).
func TestInstalledPerMachine(t *testing.T) {
	folders := []string{`C:\Program Files`, `C:\Program Files (x86)`, ""}
	for _, c := range []struct {
		exe  string
		want bool
	}{
		{`C:\Program Files\Sésame\Sésame.exe`, true},
		{`c:\PROGRAM FILES\Sésame\Sésame.exe`, true},
		{`C:/Program Files/Sésame/Sésame.exe`, true},
		{`C:\Program Files (x86)\Sésame\Sésame.exe`, true},
		{`C:\Users\claire\AppData\Local\Programs\Sésame\Sésame.exe`, false},
		{`C:\Program Files Copies\Sésame.exe`, false}, // a folder whose name only starts alike
		{`D:\Outils\Sésame.exe`, false},
		{`C:\Program Files`, false},
	} {
		if got := installedPerMachine(c.exe, folders); got != c.want {
			t.Errorf("installedPerMachine(%q) = %v, want %v", c.exe, got, c.want)
		}
	}
	if installedPerMachine(`C:\Program Files\Sésame\Sésame.exe`, nil) {
		t.Error("no program folder known: per machine")
	}
}
