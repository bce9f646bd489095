package service

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"sesame/service/msg"
)

// DesktopRelease is a build of the desktop app (an MSI) that the firm's server
// publishes (sesame-server desktop publish) for the apps signed in to it to update
// from. A version is published once: its file never changes.
type DesktopRelease struct {
	Version     string // major.minor.patch, as Windows Installer compares them
	SHA256      string // hex digest of the file, lower case
	Size        int64  // bytes
	FileName    string // the file's name when it was published, e.g. "Sésame.msi"
	PublishedAt time.Time
	PublishedBy string // who published it: the server's operator
}

// DesktopUpdates is what the desktop app asks the firm's server about its own
// updates; the remote Portal implements it, the local one does not (an app on « Ce
// poste » updates the way IT installed it).
type DesktopUpdates interface {
	// LatestDesktop returns the highest version published; ENOTFOUND if none is.
	LatestDesktop(ctx context.Context) (DesktopRelease, error)
	// DownloadDesktop returns the file of a published version, to read to its end
	// and close; ENOTFOUND if the server has no such version.
	DownloadDesktop(ctx context.Context, version string) (io.ReadCloser, error)
}

// The sentences of desktop updates.
const (
	// MsgDesktopVersionInvalid: a version that is not three numbers as Windows
	// Installer reads them.
	MsgDesktopVersionInvalid msg.Code = "desktop.version_invalid"
	// MsgDesktopReleaseExists: that version is published already.
	MsgDesktopReleaseExists msg.Code = "desktop.release_exists"
	// MsgDesktopNoRelease: the server publishes no build of the app (or not that one).
	MsgDesktopNoRelease msg.Code = "desktop.no_release"
)

// desktopVersionLimits are the largest values Windows Installer keeps in each part
// of a ProductVersion.
var desktopVersionLimits = [3]int{255, 255, 65535}

// ParseDesktopVersion reads a version "major.minor.patch" within Windows Installer's
// limits (255.255.65535); EINVALID with MsgDesktopVersionInvalid otherwise.
func ParseDesktopVersion(s string) ([3]int, error) {
	var v [3]int
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return v, Errorf(EINVALID, MsgDesktopVersionInvalid, nil)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > desktopVersionLimits[i] || p != strconv.Itoa(n) {
			return v, Errorf(EINVALID, MsgDesktopVersionInvalid, nil)
		}
		v[i] = n
	}
	return v, nil
}

// DesktopVersionNewer reports whether version a is higher than b; a version that does
// not parse is never newer, and any version is newer than one that does not parse.
func DesktopVersionNewer(a, b string) bool {
	va, err := ParseDesktopVersion(a)
	if err != nil {
		return false
	}
	vb, err := ParseDesktopVersion(b)
	if err != nil {
		return true
	}
	for i := range va {
		if va[i] != vb[i] {
			return va[i] > vb[i]
		}
	}
	return false
}
