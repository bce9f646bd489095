package scan

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	"github.com/klauspost/compress/flate"
)

// inflate reads deflated entries with klauspost/compress's flate, which inflates
// faster than the standard library's (most of a scan of documents), through a
// buffer: an entry read from the file is then read in few system calls.
func inflate(r io.Reader) io.ReadCloser { return flate.NewReader(bufio.NewReaderSize(r, 64<<10)) }

// errBomb stops an archive that expands past the limits of Options.
var errBomb = errors.New("archive expands too much")

// maxNesting is how deep archives are opened: an archive, and archives inside it.
const maxNesting = 2

// scanZip reads the text of a zip (a document or an archive, kind) at path; prefix
// names the archive entry it came from, if any. budget is what may still be
// expanded from the outermost archive; depth counts the archives opened.
func (r *run) scanZip(ctx context.Context, path, prefix string, ra io.ReaderAt, size int64, kind, depth int, budget *int64) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		r.skip(SkipCorrupt)
		return
	}
	zr.RegisterDecompressor(zip.Deflate, inflate)
	for _, zf := range zr.File {
		if ctx.Err() != nil {
			return
		}
		if zf.FileInfo().IsDir() {
			continue
		}
		part := prefix + zf.Name
		entryKind := kindOf(zf.Name)
		if kind == document && !isXMLPart(zf.Name) {
			continue // images, fonts, binaries of a document
		}
		if int64(zf.UncompressedSize64) > *budget || r.tooDense(int64(zf.UncompressedSize64), int64(zf.CompressedSize64)) {
			r.skip(SkipZipBomb)
			return
		}
		if kind == archive && entryKind != plain && depth >= maxNesting {
			r.skip(SkipNested)
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			r.skip(SkipCorrupt)
			continue
		}
		in := &bounded{r: rc, budget: budget, compressed: int64(zf.CompressedSize64), run: r}
		switch {
		case kind == document:
			err = scanText(ctx, newXMLText(in), false, r.emitter(path, part))
		case entryKind != plain:
			// zip needs random access: the inner archive is read in memory, bounded.
			var b []byte
			b, err = io.ReadAll(io.LimitReader(in, r.opt.MaxNested+1))
			switch {
			case err != nil:
			case int64(len(b)) > r.opt.MaxNested:
				r.skip(SkipTooLarge)
			default:
				r.scanZip(ctx, path, part+"/", bytes.NewReader(b), int64(len(b)), entryKind, depth+1, budget)
			}
		default:
			tr, sniff := textReader(in)
			err = scanText(ctx, tr, sniff, r.emitter(path, part))
		}
		rc.Close()
		switch {
		case err == nil, ctx.Err() != nil:
		case errors.Is(err, errBomb):
			r.skip(SkipZipBomb)
			return
		case errors.Is(err, errBinary):
			r.skip(SkipBinary)
		default:
			r.skip(SkipCorrupt)
		}
	}
}

// tooDense reports whether an entry's expansion ratio is a zip bomb's.
func (r *run) tooDense(expanded, compressed int64) bool {
	return expanded > ratioFloor && expanded > max(compressed, 1)*r.opt.MaxRatio
}

// bounded reads an archive entry and fails with errBomb once it has expanded past
// the archive's budget or its ratio, whatever its header claimed.
type bounded struct {
	r          io.Reader
	budget     *int64
	compressed int64
	read       int64
	run        *run
}

func (b *bounded) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += int64(n)
	*b.budget -= int64(n)
	if *b.budget < 0 || b.run.tooDense(b.read, b.compressed) {
		return n, errBomb
	}
	return n, err
}

// isXMLPart reports whether a document's part is XML that may hold text: the
// content, properties, and relationships (.rels), where a hyperlink's target is.
func isXMLPart(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}
