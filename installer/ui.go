package installer

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// uiTables are the MSI's dialogs and what drives them, as installer text archive
// (.idt) files that msitools' msibuild imports: wixl writes no Dialog or Control
// table, so without them a double-click shows only Windows Installer's bare
// progress. ui/checkopen.c is the custom action that finds a running Sésame.
//
//go:embed ui/*.idt ui/checkopen.c
var uiTables embed.FS

// addUI imports the dialogs into the MSI that wixl wrote at msi: a welcome, the
// question « Sésame est ouvert » (custom action CheckSesameOpen), the progress, the
// end (installed, cancelled, failed), the error dialog, and FilesInUse and
// MsiRMFilesInUse, which Windows Installer shows when other programs hold the files.
// Rows for tables wixl already wrote (Property, CustomAction, the sequences) are added
// to its rows. ico is the icon the welcome shows; work is a scratch folder.
func addUI(msi, work string, ico []byte) error {
	for _, tool := range []string{"msibuild", "msiinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s (Debian package msitools) is missing: run scripts/deps windows", tool)
		}
	}
	dir := filepath.Join(work, "ui")
	if err := os.MkdirAll(filepath.Join(dir, "Binary"), 0o755); err != nil {
		return err
	}
	if err := buildCheckOpen(dir, filepath.Join(dir, "Binary", "SesameCheck.ibd")); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "Binary", "SesameIcon.ibd"), ico, 0o644); err != nil {
		return err
	}
	out, err := exec.Command("msiinfo", "tables", msi).Output()
	if err != nil {
		return fmt.Errorf("msiinfo tables: %w", err)
	}
	existing := strings.Fields(string(out))
	files, err := uiTables.ReadDir("ui")
	if err != nil {
		return err
	}
	for _, f := range files {
		table, ok := strings.CutSuffix(f.Name(), ".idt")
		if !ok {
			continue
		}
		ours, err := uiTables.ReadFile(path.Join("ui", f.Name()))
		if err != nil {
			return err
		}
		if slices.Contains(existing, table) {
			if ours, err = mergeTable(msi, work, table, ours); err != nil {
				return err
			}
		}
		idt := filepath.Join(dir, f.Name())
		if err := os.WriteFile(idt, ours, 0o644); err != nil {
			return err
		}
		cmd := exec.Command("msibuild", msi, "-i", idt)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("msibuild -i %s: %w\n%s", f.Name(), err, b)
		}
	}
	return nil
}

// mergeTable returns the table as wixl wrote it followed by our rows, so that the
// import, which replaces a table, keeps wixl's rows. The export runs in work, where
// msiinfo writes a table's streams.
func mergeTable(msi, work, table string, ours []byte) ([]byte, error) {
	export := exec.Command("msiinfo", "export", msi, table)
	export.Dir = work
	theirs, err := export.Output()
	if err != nil {
		return nil, fmt.Errorf("msiinfo export %s: %w", table, err)
	}
	head, rows := idtLines(theirs), idtLines(ours)
	if len(head) < 3 || len(rows) < 3 || head[0] != rows[0] {
		return nil, fmt.Errorf("table %s: wixl's columns (%q) are not those of ui/%s.idt", table, firstLine(head), table)
	}
	if table == "Binary" && len(head) > 3 {
		return nil, fmt.Errorf("table Binary: wixl wrote streams of its own, which this merge would lose")
	}
	var b bytes.Buffer
	for _, l := range append(head, rows[3:]...) {
		b.WriteString(l + "\r\n")
	}
	return b.Bytes(), nil
}

// idtLines splits a text archive into its non-empty lines, without line ends.
func idtLines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func firstLine(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// buildCheckOpen compiles ui/checkopen.c into the custom action's DLL with mingw-w64,
// without a link timestamp, so that the same source gives the same DLL.
func buildCheckOpen(dir, out string) error {
	cc := "x86_64-w64-mingw32-gcc"
	if _, err := exec.LookPath(cc); err != nil {
		return fmt.Errorf("%s (mingw-w64) is missing: run scripts/deps windows", cc)
	}
	src, err := uiTables.ReadFile("ui/checkopen.c")
	if err != nil {
		return err
	}
	c := filepath.Join(dir, "checkopen.c")
	if err := os.WriteFile(c, src, 0o644); err != nil {
		return err
	}
	cmd := exec.Command(cc, "-shared", "-Os", "-s", "-o", out, c, "-lmsi", "-Wl,--no-insert-timestamp")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the custom action checkopen.dll: %w\n%s", err, b)
	}
	return nil
}
