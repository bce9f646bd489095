package scan

import (
	"bytes"
	"context"
	"io"
	"testing"
	"testing/iotest"

	"sesame/service"
)

// FuzzScanText: whatever surrounds a real secret, and however the reader splits the
// input, the secret is found once on its line; nothing else passes the checksum.
func FuzzScanText(f *testing.F) {
	f.Add([]byte("a\nb"), []byte("\n"), uint8(1))
	f.Add([]byte("ssk_ssk_"), []byte("ssk_zz"), uint8(7))
	f.Add([]byte{}, []byte("_k_ss\x00"), uint8(0))
	creds, err := service.NewCredentials()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, before, after []byte, split uint8) {
		in := append(append(append([]byte{}, before...), creds.Secret...), after...)
		var r io.Reader = bytes.NewReader(in)
		if split%2 == 1 {
			r = iotest.OneByteReader(r)
		}
		var lines []int
		err := scanText(context.Background(), r, false, func(line int, c []byte) {
			if service.CheckSecret(string(c)) == nil {
				lines = append(lines, line)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		want := bytes.Count(before, []byte{'\n'}) + 1
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found || len(lines) > 1+bytes.Count(before, []byte("ssk_"))+bytes.Count(after, []byte("ssk_")) {
			t.Fatalf("secret after %d lines: found on lines %v", want-1, lines)
		}
	})
}

// FuzzXMLText: the XML reader never fails on any input, and text outside tags
// comes out whole.
func FuzzXMLText(f *testing.F) {
	f.Add([]byte(`<w:p a="ssk_x"><w:t>abc</w:t></w:p>`))
	f.Add([]byte(`<<>>"'<a b='c>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := io.ReadAll(newXMLText(iotest.HalfReader(bytes.NewReader(in))))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.ContainsRune(in, '<') && !bytes.Equal(out, in) {
			t.Fatalf("text without tags changed: %q → %q", in, out)
		}
	})
}
