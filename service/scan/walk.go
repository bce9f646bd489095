package scan

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// file is a regular file the walk found, to be read.
type file struct {
	path string
	size int64
}

// walk lists the regular files under the roots, following symbolic links, and counts
// what it will not read: too large, not a regular file, unreadable, link loops.
func (r *run) walk(ctx context.Context, roots []string) []file {
	var out []file
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			r.skip(statCause(err))
			continue
		}
		r.visit(ctx, root, fi, nil, &out)
	}
	return out
}

// visit adds path (fi: what it points to) to out, or its files if it is a folder;
// ancestors are the folders on the path to it, to tell a link loop.
func (r *run) visit(ctx context.Context, path string, fi fs.FileInfo, ancestors []fs.FileInfo, out *[]file) {
	if ctx.Err() != nil {
		return
	}
	switch {
	case fi.IsDir():
		for _, a := range ancestors {
			if os.SameFile(a, fi) {
				r.skip(SkipSymlinkLoop)
				return
			}
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			r.skip(SkipUnreadable)
		}
		ancestors = append(ancestors, fi)
		for _, e := range entries {
			p := filepath.Join(path, e.Name())
			var info fs.FileInfo
			if e.Type()&fs.ModeSymlink != 0 {
				info, err = os.Stat(p)
			} else {
				info, err = e.Info()
			}
			if err != nil {
				r.skip(statCause(err))
				continue
			}
			r.visit(ctx, p, info, ancestors, out)
		}
	case fi.Mode().IsRegular():
		if fi.Size() > r.opt.MaxFileSize {
			r.skip(SkipTooLarge)
			return
		}
		*out = append(*out, file{path: path, size: fi.Size()})
	default:
		r.skip(SkipUnreadable) // devices, pipes, sockets: never opened
	}
}

// statCause is the skip that a failed stat means.
func statCause(err error) SkipCause {
	if errors.Is(err, syscall.ELOOP) {
		return SkipSymlinkLoop
	}
	return SkipUnreadable
}
