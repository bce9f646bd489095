package scan

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"sync"

	"sesame/service"
)

// secretPattern is a secret's shape, matched where candidate finds its prefix;
// service.CheckSecret then judges its checksum.
var secretPattern = regexp.MustCompile(`^ssk_[0-9A-Za-z]{49}$`)

// candidate returns where the next "ssk_" at or after from starts in data, or -1. It
// looks for the underscore, rarer in most text than the prefix's first letter, with
// bytes.IndexByte, which runs at memory speed.
func candidate(data []byte, from int) int {
	for {
		j := bytes.IndexByte(data[from:], '_')
		if j < 0 {
			return -1
		}
		p := from + j
		if p >= 3 && data[p-3] == 's' && data[p-2] == 's' && data[p-1] == 'k' {
			return p - 3
		}
		from = p + 1
	}
}

const (
	// overlap is what a chunk keeps of the previous one, so that a secret across
	// the boundary is found once.
	overlap   = service.SecretLength - 1
	chunkSize = 1 << 20
	sniffSize = 8000 // what is looked at for a NUL byte, as grep does
)

// errBinary stops the reading of a file that holds a NUL byte near its start.
var errBinary = errors.New("binary content")

var chunks = sync.Pool{New: func() any { b := make([]byte, chunkSize+overlap); return &b }}

// scanText reads r to its end and calls emit with the 1-based line and the text of
// every candidate that has a secret's shape. With sniff, a NUL byte in the first
// sniffSize bytes stops it with errBinary before any emit.
func scanText(ctx context.Context, r io.Reader, sniff bool, emit func(line int, candidate []byte)) error {
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	keep, line := 0, 1
	for first := true; ; first = false {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := io.ReadFull(r, buf[keep:])
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		data := buf[:keep+n]
		if first && sniff && bytes.IndexByte(data[:min(len(data), sniffSize)], 0) >= 0 {
			return errBinary
		}
		cut := len(data)
		if !eof {
			cut -= overlap
		}
		pos := 0
		for at := candidate(data, 0); at >= 0 && at < cut; at = candidate(data, at+len(service.SecretPrefix)) {
			if at+service.SecretLength > len(data) || !secretPattern.Match(data[at:at+service.SecretLength]) {
				continue
			}
			line += bytes.Count(data[pos:at], []byte{'\n'})
			pos = at
			emit(line, data[at:at+service.SecretLength])
		}
		if eof {
			return nil
		}
		line += bytes.Count(data[pos:cut], []byte{'\n'})
		keep = copy(buf, data[cut:])
	}
}
