package sysdialog

import (
	"fmt"
	"unicode/utf16"
	"unsafe"

	"github.com/TheTitanrain/w32"
	"golang.org/x/sys/windows"
)

// Save asks where to save a file (GetSaveFileName), opening in startDir with name
// suggested and files of extension ext (".csv") listed. Its default extension is
// ext: Windows adds it to a name typed without one before it asks about replacing
// an existing file, so that question is about the file written. (The dialog of
// github.com/sqweek/dialog, which Folder uses, sets no default extension.) It
// blocks until the user answers.
func Save(title, startDir, name, ext string) (string, error) {
	buf := make([]uint16, 32768) // a long path's most
	copy(buf[:len(buf)-1], utf16.Encode([]rune(name)))
	// "csv\0*.csv\0\0": one filter, its description, its pattern, the list's end.
	filter := utf16.Encode([]rune(ext[1:] + "\x00*" + ext + "\x00\x00"))
	defExt, err := windows.UTF16PtrFromString(ext[1:])
	if err != nil {
		return "", err
	}
	ofn := &w32.OPENFILENAME{
		File:    &buf[0],
		MaxFile: uint32(len(buf)),
		Filter:  &filter[0],
		DefExt:  defExt,
		Flags:   w32.OFN_OVERWRITEPROMPT | w32.OFN_NOCHANGEDIR | w32.OFN_PATHMUSTEXIST,
	}
	ofn.StructSize = uint32(unsafe.Sizeof(*ofn))
	if ofn.Title, err = windows.UTF16PtrFromString(title); err != nil {
		return "", err
	}
	if startDir != "" {
		if ofn.InitialDir, err = windows.UTF16PtrFromString(startDir); err != nil {
			return "", err
		}
	}
	if !w32.GetSaveFileName(ofn) {
		if e := w32.CommDlgExtendedError(); e != 0 {
			return "", fmt.Errorf("CommDlgExtendedError %#x", e)
		}
		return "", ErrCancelled
	}
	return windows.UTF16ToString(buf), nil
}
