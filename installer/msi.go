package installer

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"text/template"
)

// UpgradeCode identifies Sésame across all its versions: Windows Installer finds an
// installed older version by it and replaces it. It must never change.
const UpgradeCode = "{F2AA9817-076B-49E7-9D64-8A077AF8A9A1}"

// programGUID is the component of the program and its shortcut: fixed, since a
// component keeps its GUID as long as its content stays at the same place.
const programGUID = "{44A2AB73-2B68-4B9B-ACED-9F28004339A4}"

//go:embed sesame.wxs
var wxsTemplate string

// wxsFields fills sesame.wxs; every value is XML-escaped by the template.
type wxsFields struct {
	Name, Version, Publisher, UpgradeCode   string
	Description, Comments, DowngradeMessage string
	ExeName, ExePath, IconPath              string
	ProgramGUID                             string
	AppID                                   string // Fyne's ID: the data folder's name
}

// WXS returns the WiX source of the MSI that installs exePath (a built Sésame.exe)
// with the icon at iconPath, both relative to where wixl runs.
func WXS(p Product, exePath, iconPath string) ([]byte, error) {
	v, err := p.msiVersion()
	if err != nil {
		return nil, err
	}
	f := wxsFields{
		Name:        p.Name,
		Version:     fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]),
		Publisher:   p.Publisher,
		UpgradeCode: UpgradeCode,
		Description: p.Name + " — les clés d'API du cabinet (the firm's API keys)",
		Comments:    p.Copyright(),
		DowngradeMessage: "Une version plus récente de " + p.Name + " est déjà installée : " +
			"désinstallez-la d'abord. (A newer version of " + p.Name + " is already installed: uninstall it first.)",
		ExeName:     p.ExeName(),
		ExePath:     exePath,
		IconPath:    iconPath,
		ProgramGUID: programGUID,
		AppID:       p.ID,
	}
	t, err := template.New("sesame.wxs").Parse(wxsTemplate)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, escapeAll(f)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// escapeAll XML-escapes every field, so that a publisher named « Dupont & Fils »
// cannot break the source.
func escapeAll(f wxsFields) wxsFields {
	for _, s := range []*string{&f.Name, &f.Version, &f.Publisher, &f.UpgradeCode, &f.Description,
		&f.Comments, &f.DowngradeMessage, &f.ExeName, &f.ExePath, &f.IconPath, &f.ProgramGUID, &f.AppID} {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(*s))
		*s = b.String()
	}
	return f
}

// BuildMSI writes the MSI that installs exePath to out, with wixl (msitools). The
// icon shown in « Applications et fonctionnalités » and on the shortcut is made from
// png, like the executable's.
func BuildMSI(p Product, png []byte, exePath, out string) error {
	if _, err := exec.LookPath("wixl"); err != nil {
		return fmt.Errorf("wixl (Debian package wixl, from msitools) is missing: run scripts/deps windows")
	}
	icon, err := Icon(png)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "sesame-msi")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	iconPath := filepath.Join(work, "Sesame.ico")
	ico, err := os.Create(iconPath)
	if err != nil {
		return err
	}
	if err := icon.SaveICO(ico); err != nil {
		ico.Close()
		return err
	}
	if err := ico.Close(); err != nil {
		return err
	}
	// wixl takes sources relative to its working folder, not absolute paths.
	abs, err := filepath.Abs(exePath)
	if err != nil {
		return err
	}
	if err := os.Symlink(abs, filepath.Join(work, "program.exe")); err != nil {
		return err
	}
	if out, err = filepath.Abs(out); err != nil {
		return err
	}
	src, err := WXS(p, "program.exe", "Sesame.ico")
	if err != nil {
		return err
	}
	wxs := filepath.Join(work, "Sesame.wxs")
	if err := os.WriteFile(wxs, src, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("wixl", "--arch", "x64", "-o", out, wxs)
	cmd.Dir = work
	if b, err := cmd.CombinedOutput(); err != nil {
		_ = os.Remove(out)
		return fmt.Errorf("wixl: %w\n%s", err, b)
	}
	icoBytes, err := os.ReadFile(iconPath)
	if err != nil {
		return err
	}
	if err := addUI(out, work, icoBytes); err != nil {
		_ = os.Remove(out)
		return err
	}
	return nil
}
