package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"sesame/service"
)

// The kinds of file the scan reads differently from plain text.
const (
	plain    = iota
	document // Office Open XML or OpenDocument: a zip whose .xml parts hold the text
	archive  // a .zip: every entry is read as a file of its own
)

// kindOf tells a file's kind by its name.
func kindOf(name string) int {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp":
		return document
	case ".zip":
		return archive
	}
	return plain
}

// scanFile reads one file found by the walk.
func (r *run) scanFile(ctx context.Context, f file) {
	fh, err := os.Open(f.path)
	if err != nil {
		r.skip(SkipUnreadable)
		return
	}
	defer fh.Close()
	if k := kindOf(f.path); k != plain {
		budget := r.opt.MaxExpanded
		r.scanZip(ctx, f.path, "", fh, f.size, k, 1, &budget)
		return
	}
	tr, sniff := textReader(fh)
	err = scanText(ctx, tr, sniff, r.emitter(f.path, ""))
	switch {
	case errors.Is(err, errBinary):
		r.skip(SkipBinary)
	case err != nil && ctx.Err() == nil:
		r.skip(SkipUnreadable)
	}
}

// emitter reports the candidates of one file or part whose checksum holds.
func (r *run) emitter(path, part string) func(int, []byte) {
	return func(line int, candidate []byte) {
		s := string(candidate)
		if service.CheckSecret(s) != nil {
			return
		}
		fd := Finding{Path: path, Part: part, Line: line, Hint: service.SecretHint(s)}
		copy(fd.Digest[:], service.SecretDigest(s))
		r.found(fd)
	}
}
