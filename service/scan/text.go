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

// secretPattern is a secret's shape; service.CheckSecret then judges its checksum.
var secretPattern = regexp.MustCompile(`ssk_[0-9A-Za-z]{49}`)

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
		for _, m := range secretPattern.FindAllIndex(data, -1) {
			if m[0] >= cut {
				break
			}
			line += bytes.Count(data[pos:m[0]], []byte{'\n'})
			pos = m[0]
			emit(line, data[m[0]:m[1]])
		}
		if eof {
			return nil
		}
		line += bytes.Count(data[pos:cut], []byte{'\n'})
		keep = copy(buf, data[cut:])
	}
}
