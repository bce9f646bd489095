package installer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"slices"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// Inspection is what a built executable says about itself, read back from its
// resource section: what Explorer shows in Properties → Details and what Windows
// reads from the manifest before the program starts.
type Inspection struct {
	IconSizes      []int                        // pixel sizes of the program's icon, largest first
	Strings        map[string]map[string]string // version strings by language ("040C", "0409")
	FileVersion    string                       // fixed part, four numbers
	ProductVersion string
	ManifestXML    string
	Manifest       winres.AppManifest
}

// Inspect reads the resources of a Windows executable (signed or not).
func Inspect(exePath string) (Inspection, error) {
	var in Inspection
	f, err := os.Open(exePath)
	if err != nil {
		return in, err
	}
	defer f.Close()
	rs, err := winres.LoadFromEXE(f)
	if err != nil {
		return in, fmt.Errorf("reading the resources of %s: %w", exePath, err)
	}

	var groupID winres.Identifier
	rs.WalkType(winres.RT_GROUP_ICON, func(id winres.Identifier, _ uint16, _ []byte) bool {
		groupID = id // the walk is in Windows' order: the first group is the program's icon
		return false
	})
	if groupID == nil {
		return in, fmt.Errorf("%s has no icon", exePath)
	}
	icon, err := rs.GetIcon(groupID)
	if err != nil {
		return in, fmt.Errorf("the icon of %s: %w", exePath, err)
	}
	if in.IconSizes, err = icoSizes(icon); err != nil {
		return in, fmt.Errorf("the icon of %s: %w", exePath, err)
	}

	// One version resource per language: Explorer picks the one of the user's language.
	rs.WalkType(winres.RT_VERSION, func(_ winres.Identifier, _ uint16, data []byte) bool {
		err = in.addVersion(data)
		return err == nil
	})
	if err != nil {
		return in, fmt.Errorf("the version resource of %s: %w", exePath, err)
	}
	if len(in.Strings) == 0 {
		return in, fmt.Errorf("%s has no version resource", exePath)
	}

	rs.WalkType(winres.RT_MANIFEST, func(_ winres.Identifier, _ uint16, data []byte) bool {
		in.ManifestXML = string(data)
		return false
	})
	if in.ManifestXML == "" {
		return in, fmt.Errorf("%s has no manifest", exePath)
	}
	if in.Manifest, err = winres.AppManifestFromXML([]byte(in.ManifestXML)); err != nil {
		return in, fmt.Errorf("the manifest of %s: %w", exePath, err)
	}
	return in, nil
}

// addVersion adds the strings of one VS_VERSIONINFO; the fixed part is the same in
// every language.
func (in *Inspection) addVersion(data []byte) error {
	vi, err := version.FromBytes(data)
	if err != nil {
		return err
	}
	var j struct {
		Fixed struct {
			FileVersion    string `json:"file_version"`
			ProductVersion string `json:"product_version"`
		} `json:"fixed"`
		Info map[string]map[string]string `json:"info"`
	}
	b, err := json.Marshal(vi)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if in.Strings == nil {
		in.Strings = map[string]map[string]string{}
	}
	for lang, table := range j.Info {
		in.Strings[lang] = table
	}
	in.FileVersion, in.ProductVersion = j.Fixed.FileVersion, j.Fixed.ProductVersion
	return nil
}

// icoSizes decodes each image of an icon and returns their widths, largest first; an
// image that is not square is an error.
func icoSizes(icon *winres.Icon) ([]int, error) {
	var buf bytes.Buffer
	if err := icon.SaveICO(&buf); err != nil {
		return nil, err
	}
	ico := buf.Bytes()
	if len(ico) < 6 {
		return nil, fmt.Errorf("truncated icon")
	}
	count := int(binary.LittleEndian.Uint16(ico[4:6]))
	var sizes []int
	for i := range count {
		entry := 6 + 16*i
		if len(ico) < entry+16 {
			return nil, fmt.Errorf("truncated icon directory")
		}
		size := binary.LittleEndian.Uint32(ico[entry+8:])
		offset := binary.LittleEndian.Uint32(ico[entry+12:])
		if uint64(offset)+uint64(size) > uint64(len(ico)) {
			return nil, fmt.Errorf("image %d lies outside the icon", i)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(ico[offset : offset+size]))
		if err != nil {
			return nil, fmt.Errorf("image %d: %w", i, err)
		}
		if cfg.Width != cfg.Height {
			return nil, fmt.Errorf("image %d is %d×%d, not square", i, cfg.Width, cfg.Height)
		}
		sizes = append(sizes, cfg.Width)
	}
	slices.Sort(sizes)
	slices.Reverse(sizes)
	return sizes, nil
}
