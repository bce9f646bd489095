package scan

import "sesame/service/msg"

// SkipCause is why a file, an archive entry or a folder was not read.
type SkipCause string

// The causes of a skip.
const (
	SkipTooLarge    SkipCause = "too_large"    // over Options.MaxFileSize, or an inner archive over MaxNested
	SkipBinary      SkipCause = "binary"       // holds NUL bytes in its first 8 kB
	SkipUnreadable  SkipCause = "unreadable"   // denied, vanished, or not a regular file
	SkipSymlinkLoop SkipCause = "symlink_loop" // a link back to a folder on its own path, or to itself
	SkipCorrupt     SkipCause = "corrupt"      // an archive or document that is not a valid zip
	SkipZipBomb     SkipCause = "zip_bomb"     // expands past Options.MaxExpanded or MaxRatio
	SkipNested      SkipCause = "nested"       // an archive inside an archive inside an archive
)

// SkipCauses lists every cause, in the order reports show them.
var SkipCauses = []SkipCause{SkipTooLarge, SkipBinary, SkipUnreadable, SkipSymlinkLoop, SkipCorrupt, SkipZipBomb, SkipNested}

// Message is the cause's label in a report, with the count as {{.N}}.
func (c SkipCause) Message() msg.Code {
	switch c {
	case SkipTooLarge:
		return "scan.skip_too_large"
	case SkipBinary:
		return "scan.skip_binary"
	case SkipUnreadable:
		return "scan.skip_unreadable"
	case SkipSymlinkLoop:
		return "scan.skip_symlink_loop"
	case SkipCorrupt:
		return "scan.skip_corrupt"
	case SkipZipBomb:
		return "scan.skip_zip_bomb"
	}
	return "scan.skip_nested"
}
