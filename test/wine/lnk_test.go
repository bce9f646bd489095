package wine

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// lnkTarget reads the path a Windows shortcut (.lnk, [MS-SHLLINK]) points to, from its
// LinkInfo: the local base path (Unicode when the shortcut has it, else in the ANSI
// code page, Windows-1252 for French and English) followed by the common path suffix.
func lnkTarget(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	le := binary.LittleEndian
	if len(b) < 0x4C || le.Uint32(b) != 0x4C {
		return "", errors.New("not a shell link")
	}
	const hasIDList, hasLinkInfo = 0x1, 0x2
	flags := le.Uint32(b[0x14:])
	pos := 0x4C
	if flags&hasIDList != 0 {
		if len(b) < pos+2 {
			return "", errors.New("truncated ID list")
		}
		pos += 2 + int(le.Uint16(b[pos:]))
	}
	if flags&hasLinkInfo == 0 {
		return "", errors.New("the shortcut has no LinkInfo")
	}
	if len(b) < pos+0x1C {
		return "", errors.New("truncated LinkInfo")
	}
	info := b[pos:]
	size := int(le.Uint32(info))
	if size > len(info) {
		return "", errors.New("truncated LinkInfo")
	}
	info = info[:size]
	headerSize := le.Uint32(info[4:])
	const volumeIDAndLocalBasePath = 0x1
	if le.Uint32(info[8:])&volumeIDAndLocalBasePath == 0 {
		return "", errors.New("the shortcut points to no local path")
	}
	if headerSize >= 0x24 && len(info) >= 0x24 {
		return utf16z(info, int(le.Uint32(info[0x1C:]))) + utf16z(info, int(le.Uint32(info[0x20:]))), nil
	}
	base, err := charmap.Windows1252.NewDecoder().Bytes(cstring(info, int(le.Uint32(info[0x10:]))))
	if err != nil {
		return "", err
	}
	suffix, err := charmap.Windows1252.NewDecoder().Bytes(cstring(info, int(le.Uint32(info[0x18:]))))
	if err != nil {
		return "", err
	}
	return string(base) + string(suffix), nil
}

// cstring is the NUL-terminated byte string at off.
func cstring(b []byte, off int) []byte {
	if off <= 0 || off >= len(b) {
		return nil
	}
	s := b[off:]
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return s
}

// utf16z is the NUL-terminated UTF-16LE string at off.
func utf16z(b []byte, off int) string {
	var u []uint16
	for i := off; off > 0 && i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}
