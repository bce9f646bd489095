package scan

import (
	"bytes"
	"io"
)

// xmlText reads an XML document part as its text: character data joined as it is
// displayed (a secret split over several runs of a Word paragraph is whole again),
// a line break after each paragraph, row or shared string, and the values of the
// attributes that hold "ssk_" (a hyperlink's target), set apart by spaces.
type xmlText struct {
	r       io.Reader
	raw     []byte
	out     []byte // transformed; out[off:] not yet read
	off     int
	state   int
	closing bool
	name    []byte
	attr    []byte
	quote   byte
}

const (
	inText = iota
	inTagStart
	inTagName
	inTag
	inQuote
)

// maxAttr bounds an attribute value kept whole; a longer one is kept only by its end.
const maxAttr = 4096

func newXMLText(r io.Reader) *xmlText { return &xmlText{r: r, raw: make([]byte, 64<<10)} }

func (x *xmlText) Read(p []byte) (int, error) {
	for x.off == len(x.out) {
		x.out, x.off = x.out[:0], 0 // the buffer is reused: no allocation per read
		n, err := x.r.Read(x.raw)
		x.transform(x.raw[:n])
		if err != nil && len(x.out) == 0 {
			return 0, err
		}
		if err != nil {
			break
		}
	}
	n := copy(p, x.out[x.off:])
	x.off += n
	return n, nil
}

func (x *xmlText) transform(in []byte) {
	out := x.out
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch x.state {
		case inText:
			// Text runs are copied whole, up to the next tag.
			j := bytes.IndexByte(in[i:], '<')
			if j < 0 {
				out = append(out, in[i:]...)
				i = len(in)
				continue
			}
			out = append(out, in[i:i+j]...)
			i += j
			x.state, x.closing, x.name = inTagStart, false, x.name[:0]
		case inTagStart:
			if c == '/' {
				x.closing = true
				x.state = inTagName
				continue
			}
			x.state = inTagName
			fallthrough
		case inTagName:
			switch {
			case c == '>':
				out = x.endTag(out)
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/':
				x.state = inTag
			case len(x.name) < 64:
				x.name = append(x.name, c)
			}
		case inTag:
			switch c {
			case '>':
				out = x.endTag(out)
			case '"', '\'':
				x.state, x.quote, x.attr = inQuote, c, x.attr[:0]
			}
		case inQuote:
			if c == x.quote {
				if bytes.Contains(x.attr, []byte("ssk_")) {
					out = append(append(append(out, ' '), x.attr...), ' ')
				}
				x.state = inTag
				continue
			}
			if len(x.attr) == maxAttr {
				if bytes.Contains(x.attr, []byte("ssk_")) {
					out = append(append(out, ' '), x.attr...)
				}
				x.attr = x.attr[:copy(x.attr, x.attr[maxAttr-overlap:])]
			}
			x.attr = append(x.attr, c)
		}
	}
	x.out = out
}

// endTag ends a tag: after a paragraph (w:p, a:p, text:p, text:h), a table row
// (w:tr, row, table:table-row) or a shared string (si), the text goes to the next line.
func (x *xmlText) endTag(out []byte) []byte {
	x.state = inText
	if !x.closing {
		return out
	}
	local := x.name
	if i := bytes.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch string(local) {
	case "p", "h", "tr", "row", "table-row", "si":
		out = append(out, '\n')
	}
	return out
}
