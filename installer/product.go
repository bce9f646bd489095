// Package installer makes what a firm's IT expects of Sésame on Windows: an
// executable with a multi-size icon, a version resource and a manifest (resources.go),
// and an MSI that installs it per user or per machine (msi.go, built by msitools'
// wixl), with dialogs of its own that ask to close a running Sésame first (ui.go,
// imported by msibuild). scripts/package drives it through the winpack command.
package installer

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// DefaultPublisher is the CompanyName of the executable and the Manufacturer of the
// MSI unless the build names another (winpack -publisher, make windows PUBLISHER=…).
const DefaultPublisher = "Les auteurs de Sésame"

// Product is what the executable's resources and the MSI say about Sésame.
type Product struct {
	Name      string // "Sésame", the window title and the Start-menu entry
	ID        string // reverse-DNS application ID, as Fyne knows it
	Version   string // major.minor.patch, from FyneApp.toml
	Build     int    // FyneApp.toml's Build, the fourth part of the file version
	Publisher string // CompanyName and Manufacturer
	Year      int    // of the copyright notice
}

// fyneApp is the part of FyneApp.toml that Product reads.
type fyneApp struct {
	Details struct {
		Name    string
		ID      string
		Version string
		Build   int
	}
}

// LoadProduct reads FyneApp.toml, the file `fyne build` reads too, so that the
// executable, its resources and the MSI agree on name, ID and version.
func LoadProduct(path string) (Product, error) {
	var f fyneApp
	if _, err := toml.DecodeFile(path, &f); err != nil {
		return Product{}, fmt.Errorf("reading %s: %w", path, err)
	}
	p := Product{
		Name:      f.Details.Name,
		ID:        f.Details.ID,
		Version:   f.Details.Version,
		Build:     f.Details.Build,
		Publisher: DefaultPublisher,
		Year:      buildYear(),
	}
	if p.Name == "" || p.ID == "" {
		return Product{}, fmt.Errorf("%s: Name and ID must be set in [Details]", path)
	}
	if _, err := p.msiVersion(); err != nil {
		return Product{}, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// buildYear is the year of SOURCE_DATE_EPOCH when set (reproducible builds), else now.
func buildYear() int {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC().Year()
		}
	}
	return time.Now().UTC().Year()
}

// Copyright is the LegalCopyright line.
func (p Product) Copyright() string {
	return fmt.Sprintf("© %d %s", p.Year, p.Publisher)
}

// ExeName is the executable's file name, as `fyne build` names it from Name.
func (p Product) ExeName() string { return p.Name + ".exe" }

// fileVersion is the four-part version of the executable: Version and Build.
func (p Product) fileVersion() string {
	v, _ := p.msiVersion()
	return fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], p.Build)
}

// msiVersion checks Version against what Windows Installer compares: three numbers,
// the first two at most 255, the third at most 65535.
func (p Product) msiVersion() ([3]int, error) {
	var v [3]int
	parts := strings.Split(p.Version, ".")
	if len(parts) != 3 {
		return v, fmt.Errorf("version %q: want major.minor.patch", p.Version)
	}
	limits := [3]int{255, 255, 65535}
	for i, s := range parts {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > limits[i] {
			return v, fmt.Errorf("version %q: part %d must be a number from 0 to %d", p.Version, i+1, limits[i])
		}
		v[i] = n
	}
	return v, nil
}
