// Package scan looks for exposed Sésame secrets in folders: plain files, the text
// parts of Office and OpenDocument files, and .zip archives (an archive inside an
// archive is read too, one level of nesting; deeper ones are skipped). A secret is
// recognised by its shape and checksum (service.CheckSecret); a finding carries the
// secret's digest and hint, never the secret, so that only digests leave the
// package. The scan opens files read-only and writes nothing.
package scan

import (
	"context"
	"crypto/sha256"
	"sync"
	"sync/atomic"
)

// Finding is one exposed secret: where it is and its digest.
type Finding struct {
	Path   string            // the file, as walked from a root
	Part   string            // the document part or archive entry ("word/document.xml"); empty for a plain file
	Line   int               // 1-based line of the file or part (a paragraph in a document part)
	Digest [sha256.Size]byte // service.SecretDigest of the secret
	Hint   string            // service.SecretHint of the secret: "ssk_Ab3x…"
}

// Progress is how far a scan has gone: files and bytes (as on disk) done over the
// totals the walk found before the scan began.
type Progress struct {
	FilesDone, FilesTotal int64
	BytesDone, BytesTotal int64
}

// Options bound what a scan reads; zero fields take the defaults.
type Options struct {
	MaxFileSize int64 // larger files are skipped (SkipTooLarge); default 1 GB
	MaxExpanded int64 // most bytes expanded from one archive (SkipZipBomb); default 1 GB
	MaxRatio    int64 // largest expansion ratio of an entry past 10 MB (SkipZipBomb); default 250
	MaxNested   int64 // largest archive or document inside an archive, read in memory (SkipTooLarge); default 256 MB
	Workers     int   // files read at once; default 2
}

// The defaults of Options.
const (
	DefaultMaxFileSize = 1 << 30
	DefaultMaxExpanded = 1 << 30
	DefaultMaxRatio    = 250
	DefaultMaxNested   = 256 << 20
	ratioFloor         = 10 << 20 // the expanded size below which no ratio is judged
)

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxExpanded <= 0 {
		o.MaxExpanded = DefaultMaxExpanded
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = DefaultMaxRatio
	}
	if o.MaxNested <= 0 {
		o.MaxNested = DefaultMaxNested
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	return o
}

// Report sums up a finished (or cancelled) scan.
type Report struct {
	Files    int64 // files read, whole or in part
	Bytes    int64 // their size on disk
	Findings int64
	Skipped  map[SkipCause]int64 // files, entries or folders not read, by cause
}

// Handler receives what a scan finds as it goes. Its methods are called from one
// goroutine at a time; either may be nil.
type Handler struct {
	Found    func(Finding)
	Progress func(Progress)
}

// Run walks the roots (folders or files), reads every file and reports each secret
// found, until done or ctx ends; then it returns ctx's error with the report so far.
// An unreadable root counts as SkipUnreadable, not as an error.
func Run(ctx context.Context, roots []string, opt Options, h Handler) (Report, error) {
	opt = opt.withDefaults()
	r := &run{opt: opt, h: h, skipped: map[SkipCause]int64{}}
	files := r.walk(ctx, roots)
	if err := ctx.Err(); err != nil {
		return r.report(), err
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	r.progress = Progress{FilesTotal: int64(len(files)), BytesTotal: total}
	r.emitProgress()

	next := make(chan file)
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(func() {
			for f := range next {
				r.scanFile(ctx, f)
				r.done(f)
			}
		})
	}
feed:
	for _, f := range files {
		select {
		case next <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return r.report(), ctx.Err()
}

// run is the state of one scan, shared by its workers.
type run struct {
	opt Options
	h   Handler

	mu       sync.Mutex // guards what follows and serialises the handler
	skipped  map[SkipCause]int64
	progress Progress
	findings atomic.Int64
}

func (r *run) skip(c SkipCause) {
	r.mu.Lock()
	r.skipped[c]++
	r.mu.Unlock()
}

func (r *run) found(f Finding) {
	r.findings.Add(1)
	if r.h.Found == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.h.Found(f)
}

func (r *run) done(f file) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress.FilesDone++
	r.progress.BytesDone += f.size
	r.emitProgressLocked()
}

func (r *run) emitProgress() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.emitProgressLocked()
}

func (r *run) emitProgressLocked() {
	if r.h.Progress != nil {
		r.h.Progress(r.progress)
	}
}

func (r *run) report() Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	sk := make(map[SkipCause]int64, len(r.skipped))
	for c, n := range r.skipped {
		sk[c] = n
	}
	return Report{Files: r.progress.FilesDone, Bytes: r.progress.BytesDone, Findings: r.findings.Load(), Skipped: sk}
}
