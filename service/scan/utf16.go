package scan

import (
	"bufio"
	"io"
)

// textReader prepares a file or an entry for scanText: a text in UTF-16 with its
// byte order mark (Notepad's « Unicode », Windows PowerShell's Out-File) is read as
// the low bytes of its code units, which is where a secret's ASCII characters are;
// sniff is then false, since its zero bytes do not make it binary.
func textReader(r io.Reader) (tr io.Reader, sniff bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	bom, _ := br.Peek(2)
	switch {
	case len(bom) == 2 && bom[0] == 0xFF && bom[1] == 0xFE:
		return &lowBytes{r: br, keep: 0}, false // little-endian: the low byte first
	case len(bom) == 2 && bom[0] == 0xFE && bom[1] == 0xFF:
		return &lowBytes{r: br, keep: 1}, false // big-endian: the low byte second
	}
	return br, true
}

// lowBytes keeps one byte in two of r: those at offsets of parity keep.
type lowBytes struct {
	r    io.Reader
	keep int   // 0: even offsets, 1: odd ones
	off  int64 // offset in r of the next byte read
	buf  []byte
}

func (l *lowBytes) Read(p []byte) (int, error) {
	if len(l.buf) < 2*len(p) {
		l.buf = make([]byte, 2*len(p))
	}
	for {
		n, err := l.r.Read(l.buf[:2*len(p)])
		out := 0
		for i := range n {
			if int((l.off+int64(i))%2) == l.keep {
				p[out] = l.buf[i]
				out++
			}
		}
		l.off += int64(n)
		if out > 0 || err != nil {
			return out, err
		}
	}
}
