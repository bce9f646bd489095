package api

import "sesame/service"

// DesktopRelease is GET /v1/desktop/latest's answer: the highest build of the
// desktop app the server publishes, and where to download it (a path of the same
// server, read with the same bearer token).
type DesktopRelease struct {
	Version     string  `json:"version"`
	SHA256      string  `json:"sha256"`
	Size        int64   `json:"size"`
	FileName    string  `json:"fileName"`
	PublishedAt Instant `json:"publishedAt"`
	Download    string  `json:"download"`
}

// DesktopFilePath is the path of a published version's file.
func DesktopFilePath(version string) string { return "/v1/desktop/releases/" + version + "/file" }

// FromDesktopRelease is the API's form of a release.
func FromDesktopRelease(r service.DesktopRelease) DesktopRelease {
	return DesktopRelease{Version: r.Version, SHA256: r.SHA256, Size: r.Size, FileName: r.FileName,
		PublishedAt: Instant{r.PublishedAt}, Download: DesktopFilePath(r.Version)}
}

// ToDesktopRelease is the release the API described (who published it is the
// server's to know).
func (d DesktopRelease) ToDesktopRelease() service.DesktopRelease {
	return service.DesktopRelease{Version: d.Version, SHA256: d.SHA256, Size: d.Size, FileName: d.FileName, PublishedAt: d.PublishedAt.Time}
}
