package installer

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sesame/assets"
)

// msiRows is every row of an MSI's table, as msiinfo exports it.
func msiRows(t *testing.T, msi, table string) [][]string {
	t.Helper()
	cmd := exec.Command("msiinfo", "export", msi, table)
	cmd.Dir = t.TempDir()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("msiinfo export %s: %v", table, err)
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimRight(string(out), "\r\n"), "\n") {
		if i >= 3 {
			rows = append(rows, strings.Split(strings.TrimRight(line, "\r"), "\t"))
		}
	}
	return rows
}

// TestMSIHasItsDialogs reads back, with msiinfo, the dialogs that addUI puts into the
// package wixl wrote, and the order in which Windows Installer shows them: welcome,
// the check for a running Sésame and its question, progress, then installed,
// cancelled or failed; the same check refuses a silent install before any change;
// FilesInUse and MsiRMFilesInUse follow Windows Installer's contract for them; wixl's
// own rows are kept. test/wine clicks through them for real.
func TestMSIHasItsDialogs(t *testing.T) {
	p := product(t)
	msi := filepath.Join(t.TempDir(), "Sesame.msi")
	if err := BuildMSI(p, assets.Icon(), windowsExe(t, p), msi); err != nil {
		t.Fatal(err)
	}
	var dialogs []string
	for _, r := range msiRows(t, msi, "Dialog") {
		dialogs = append(dialogs, r[0])
	}
	for _, d := range []string{"WelcomeDlg", "SesameOpenDlg", "ProgressDlg", "ExitDlg", "UserExitDlg",
		"FatalErrorDlg", "CancelDlg", "ErrorDlg", "FilesInUse", "MsiRMFilesInUse"} {
		if !slices.Contains(dialogs, d) {
			t.Errorf("no dialog %s in the package (it has %v)", d, dialogs)
		}
	}

	ui := sequence(t, msi, "InstallUISequence")
	for action, want := range map[string]int{"ExitDlg": -1, "UserExitDlg": -2, "FatalErrorDlg": -3} {
		if got, ok := ui[action]; !ok || got.n != want {
			t.Errorf("InstallUISequence %s: %+v, want sequence %d", action, got, want)
		}
	}
	inOrder(t, "InstallUISequence", ui, "PerMachineFolder", "CostFinalize", "WelcomeDlg", "CheckSesameOpen",
		"SesameOpenDlg", "ProgressDlg", "ExecuteAction")
	if ui["WelcomeDlg"].cond != "NOT Installed" || ui["SesameOpenDlg"].cond != "SESAME_OPEN" {
		t.Errorf("WelcomeDlg shows on %q, SesameOpenDlg on %q", ui["WelcomeDlg"].cond, ui["SesameOpenDlg"].cond)
	}
	run := sequence(t, msi, "InstallExecuteSequence")
	inOrder(t, "InstallExecuteSequence", run, "CheckSesameOpen", "SesameOpenError", "InstallInitialize",
		"RemoveData", "RemoveFiles", "InstallFiles")
	if run["SesameOpenError"].cond != "SESAME_OPEN" {
		t.Errorf("SesameOpenError runs on %q", run["SesameOpenError"].cond)
	}

	actions := map[string][]string{}
	for _, r := range msiRows(t, msi, "CustomAction") {
		actions[r[0]] = r[1:]
	}
	// Type 1: a DLL from the Binary table; 19: an error that ends the install.
	if ca := actions["CheckSesameOpen"]; len(ca) < 3 || ca[0] != "1" || ca[1] != "SesameCheck" || ca[2] != "CheckSesameOpen" {
		t.Errorf("CheckSesameOpen: %q", ca)
	}
	if ca := actions["SesameOpenError"]; len(ca) < 3 || ca[0] != "19" || !strings.HasPrefix(ca[2], "Sésame est ouvert : fermez-le") {
		t.Errorf("SesameOpenError: %q", ca)
	}
	if _, ok := actions["RemoveData"]; !ok {
		t.Error("wixl's custom action RemoveData was lost")
	}
	dll := extract(t, msi, "Binary.SesameCheck")
	if !bytes.HasPrefix(dll, []byte("MZ")) || !bytes.Contains(dll, []byte("CheckSesameOpen\x00")) {
		t.Errorf("the Binary SesameCheck is not a DLL exporting CheckSesameOpen (%d bytes)", len(dll))
	}

	props := map[string]string{}
	for _, r := range msiRows(t, msi, "Property") {
		props[r[0]] = r[1]
	}
	if props["ErrorDialog"] != "ErrorDlg" || props["DefaultUIFont"] == "" || props["ProductName"] != "Sésame" {
		t.Errorf("Property: ErrorDialog %q, DefaultUIFont %q, ProductName %q", props["ErrorDialog"], props["DefaultUIFont"], props["ProductName"])
	}

	// Windows Installer fills a ListBox bound to FileInUseProcess with the programs
	// that hold files, and reads the dialog's answer from its EndDialog events.
	controls := msiRows(t, msi, "Control")
	events := msiRows(t, msi, "ControlEvent")
	for dlg, answers := range map[string][]string{"FilesInUse": {"Retry", "Ignore", "Exit"}, "MsiRMFilesInUse": {"Return", "Exit"}} {
		if !slices.ContainsFunc(controls, func(r []string) bool { return r[0] == dlg && r[2] == "ListBox" && r[8] == "FileInUseProcess" }) {
			t.Errorf("%s has no ListBox bound to FileInUseProcess", dlg)
		}
		for _, a := range answers {
			if !slices.ContainsFunc(events, func(r []string) bool { return r[0] == dlg && r[2] == "EndDialog" && r[3] == a }) {
				t.Errorf("%s has no button that ends it with %s", dlg, a)
			}
		}
	}
	if !slices.ContainsFunc(events, func(r []string) bool {
		return r[0] == "MsiRMFilesInUse" && r[1] == "OK" && r[2] == "RMShutdownAndRestart" && strings.Contains(r[4], `"UseRM"`)
	}) {
		// MSIRMSHUTDOWN=2 would close them only if every one registered for a restart,
		// which few programs (Sésame neither) do: the choice would close nothing.
		t.Error("MsiRMFilesInUse's OK with « Les fermer » chosen does not ask the restart manager to close the programs (RMShutdownAndRestart)")
	}
	if !slices.ContainsFunc(events, func(r []string) bool {
		return r[0] == "SesameOpenDlg" && r[1] == "Retry" && r[2] == "DoAction" && r[3] == "CheckSesameOpen"
	}) {
		t.Error("Réessayer does not look for a running Sésame again")
	}
	if !slices.ContainsFunc(controls, func(r []string) bool {
		return r[0] == "SesameOpenDlg" && r[9] == "Sésame est ouvert. Fermez-le, puis cliquez sur Réessayer."
	}) {
		t.Error("SesameOpenDlg does not say « Sésame est ouvert. Fermez-le, puis cliquez sur Réessayer. »")
	}
}

// step is an action's place in a sequence.
type step struct {
	cond string
	n    int
}

func sequence(t *testing.T, msi, table string) map[string]step {
	t.Helper()
	seq := map[string]step{}
	for _, r := range msiRows(t, msi, table) {
		n, err := strconv.Atoi(r[2])
		if err != nil {
			t.Fatalf("%s %v: %v", table, r, err)
		}
		seq[r[0]] = step{r[1], n}
	}
	return seq
}

// inOrder fails unless every action is in the sequence, in this order.
func inOrder(t *testing.T, table string, seq map[string]step, actions ...string) {
	t.Helper()
	for i, a := range actions {
		s, ok := seq[a]
		if !ok {
			t.Errorf("%s has no %s", table, a)
			continue
		}
		if i > 0 && s.n <= seq[actions[i-1]].n {
			t.Errorf("%s: %s (%d) does not come after %s (%d)", table, a, s.n, actions[i-1], seq[actions[i-1]].n)
		}
	}
}

// extract returns a stream of the MSI.
func extract(t *testing.T, msi, stream string) []byte {
	t.Helper()
	out, err := exec.Command("msiinfo", "extract", msi, stream).Output()
	if err != nil {
		t.Fatalf("msiinfo extract %s: %v", stream, err)
	}
	return out
}
