// Package messages holds Sésame's catalogue of sentences: fr.json and en.json, each
// keyed by a stable message code (« key.not_found »), embedded with go:embed. It
// imports nothing, so that every package, the domain included, can read it through
// sesame/service/msg.
package messages

import "embed"

// FS holds fr.json and en.json.
//
//go:embed fr.json en.json
var FS embed.FS
