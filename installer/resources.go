package installer

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // the icon is a PNG
	"os"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// IconSizes are the square sizes, in pixels, of the images in the executable's icon:
// what Explorer, the taskbar, the Start menu and Alt+Tab ask for at 100 % to 200 %.
var IconSizes = []int{256, 128, 64, 48, 32, 24, 16}

// Language IDs of the version resource's two translations.
const (
	langFrench  = 0x040C // fr-FR
	langEnglish = 0x0409 // en-US
)

// iconID names the icon group: Windows shows the first group as the program's icon.
const iconID = winres.ID(1)

// Icon scales the 512 px PNG down to every size of IconSizes.
func Icon(png []byte) (*winres.Icon, error) {
	img, _, err := image.Decode(bytes.NewReader(png))
	if err != nil {
		return nil, fmt.Errorf("decoding the icon: %w", err)
	}
	icon, err := winres.NewIconFromResizedImage(img, IconSizes)
	if err != nil {
		return nil, fmt.Errorf("scaling the icon: %w", err)
	}
	return icon, nil
}

// Resources is the resource section of Sésame.exe: the icon, a version resource in
// French and English, and a manifest declaring Windows 10 and 11, per-monitor DPI
// awareness (v2) and no elevation.
func Resources(p Product, png []byte) (*winres.ResourceSet, error) {
	icon, err := Icon(png)
	if err != nil {
		return nil, err
	}
	rs := &winres.ResourceSet{}
	if err := rs.SetIcon(iconID, icon); err != nil {
		return nil, fmt.Errorf("adding the icon: %w", err)
	}

	vi := version.Info{}
	descriptions := map[uint16]string{
		langFrench:  p.Name + " — les clés d'API du cabinet",
		langEnglish: p.Name + " — the firm's API keys",
	}
	for lang, description := range descriptions {
		for key, value := range map[string]string{
			version.CompanyName:      p.Publisher,
			version.LegalCopyright:   p.Copyright(),
			version.FileDescription:  description,
			version.ProductName:      p.Name,
			version.InternalName:     p.ID,
			version.OriginalFilename: p.ExeName(),
		} {
			if err := vi.Set(lang, key, value); err != nil {
				return nil, fmt.Errorf("version resource %s: %w", key, err)
			}
		}
	}
	vi.SetFileVersion(p.fileVersion())
	vi.SetProductVersion(p.Version)
	rs.SetVersionInfo(vi)

	v, _ := p.msiVersion()
	rs.SetManifest(winres.AppManifest{
		Identity:       winres.AssemblyIdentity{Name: p.ID, Version: [4]uint16{uint16(v[0]), uint16(v[1]), uint16(v[2]), uint16(p.Build)}},
		Description:    descriptions[langEnglish],
		Compatibility:  winres.Win10AndAbove,
		ExecutionLevel: winres.AsInvoker,
		DPIAwareness:   winres.DPIPerMonitorV2,
		LongPathAware:  true,
	})
	return rs, nil
}

// WriteSyso writes the resources as a COFF object for amd64 that `go build` links
// into the package whose folder holds it (rsrc_windows_amd64.syso beside main.go).
func WriteSyso(rs *winres.ResourceSet, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rs.WriteObject(f, winres.ArchAMD64); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
