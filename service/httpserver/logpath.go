package httpserver

import (
	"strings"

	"sesame/service/local"
)

// logPath is a request path as every log attribute names it: a pickup link's token
// (/remise/<token>), a live credential until the key is picked up, is cut off
// wherever it appears, so that the path reads pickupPath's way.
func logPath(path string) string {
	if i := strings.Index(path, local.PickupPath); i >= 0 && len(path) > i+len(local.PickupPath) {
		return path[:i+len(local.PickupPath)] + "…"
	}
	return path
}
