package scan_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/scan"
)

// tempDir is a new folder removed after the test. Unlike t.TempDir, a removal that
// fails is only logged: under Wine, which runs these tests on the Windows build
// (test/wine), Go's removal of a file fails with « Invalid function », and the Wine
// prefix goes away with its temporary folder anyway.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sesame-scan-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("removing %s: %v", dir, err)
		}
	})
	return dir
}

// newSecret draws a real secret.
func newSecret(t *testing.T) string {
	t.Helper()
	c, err := service.NewCredentials()
	if err != nil {
		t.Fatal(err)
	}
	return c.Secret
}

// spoiled is a secret whose last character is changed: its checksum fails.
func spoiled(secret string) string {
	last := secret[len(secret)-1]
	if last == 'a' {
		return secret[:len(secret)-1] + "b"
	}
	return secret[:len(secret)-1] + "a"
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

type entry struct{ name, content string }

// zipBytes builds a zip as Word, Excel or an archiver would write it (deflated).
func zipBytes(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docx is a Word document whose paragraph holds text split over two runs, as Word
// splits a word it checked the spelling of.
func docx(t *testing.T, before, secret string) []byte {
	half := len(secret) / 2
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>` + before + `</w:t></w:r></w:p>` +
		`<w:p><w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve">Clé : ` + secret[:half] + `</w:t></w:r>` +
		`<w:r w:rsidR="00D4E5F6"><w:t>` + secret[half:] + `</w:t></w:r></w:p>` +
		`</w:body></w:document>`
	return zipBytes(t,
		entry{"[Content_Types].xml", `<?xml version="1.0"?><Types/>`},
		entry{"word/document.xml", doc},
		entry{"word/media/image1.png", "\x89PNG\r\n\x1a\n\x00\x00" + secret},
	)
}

// xlsx is an Excel workbook whose second shared string is the secret.
func xlsx(t *testing.T, secret string) []byte {
	return zipBytes(t,
		entry{"[Content_Types].xml", `<?xml version="1.0"?><Types/>`},
		entry{"xl/sharedStrings.xml", `<?xml version="1.0"?><sst count="2"><si><t>Nom</t></si><si><t>` + secret + `</t></si></sst>`},
		entry{"xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData></worksheet>`},
	)
}

// collect runs a scan and returns its findings sorted by place, and its report.
func collect(t *testing.T, opt scan.Options, roots ...string) ([]scan.Finding, scan.Report) {
	t.Helper()
	var got []scan.Finding
	rep, err := scan.Run(context.Background(), roots, opt, scan.Handler{Found: func(f scan.Finding) { got = append(got, f) }})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool {
		if got[i].Path != got[j].Path {
			return got[i].Path < got[j].Path
		}
		return got[i].Part < got[j].Part
	})
	return got, rep
}

func digestOf(secret string) [32]byte {
	var d [32]byte
	copy(d[:], service.SecretDigest(secret))
	return d
}

type place struct {
	path, part string
	line       int
	digest     [32]byte
}

func places(fs []scan.Finding) []place {
	var out []place
	for _, f := range fs {
		out = append(out, place{f.Path, f.Part, f.Line, f.Digest})
	}
	return out
}

func TestFindsSecretsInTextDocumentsAndArchives(t *testing.T) {
	dir := tempDir(t)
	s1, s2, s3, s4, s5, s6 := newSecret(t), newSecret(t), newSecret(t), newSecret(t), newSecret(t), newSecret(t)
	write(t, filepath.Join(dir, "notes.txt"), "Intégration Loop\n\nexport SESAME_SECRET="+s1+"\nfaux : "+spoiled(s2)+"\n")
	write(t, filepath.Join(dir, "sub", "contrat.docx"), string(docx(t, "Contrat", s2)))
	write(t, filepath.Join(dir, "sub", "clés.xlsx"), string(xlsx(t, s3)))
	inner := zipBytes(t, entry{"deploy/env", "A=1\nKEY=" + s5 + "\n"})
	write(t, filepath.Join(dir, "envoi.zip"), string(zipBytes(t,
		entry{"lisezmoi.txt", "ligne 1\n" + s4},
		entry{"rapport.docx", string(docx(t, "Rapport", s6))},
		entry{"inner.zip", string(inner)},
	)))

	got, rep := collect(t, scan.Options{}, dir)
	want := []place{
		{filepath.Join(dir, "envoi.zip"), "inner.zip/deploy/env", 2, digestOf(s5)},
		{filepath.Join(dir, "envoi.zip"), "lisezmoi.txt", 2, digestOf(s4)},
		{filepath.Join(dir, "envoi.zip"), "rapport.docx/word/document.xml", 2, digestOf(s6)},
		{filepath.Join(dir, "notes.txt"), "", 3, digestOf(s1)},
		{filepath.Join(dir, "sub", "clés.xlsx"), "xl/sharedStrings.xml", 2, digestOf(s3)},
		{filepath.Join(dir, "sub", "contrat.docx"), "word/document.xml", 2, digestOf(s2)},
	}
	if g := places(got); !equalPlaces(g, want) {
		t.Fatalf("findings:\n got %v\nwant %v", g, want)
	}
	for _, f := range got {
		if !strings.HasPrefix(f.Hint, "ssk_") || len(f.Hint) > 12 {
			t.Errorf("hint %q is not a short hint", f.Hint)
		}
	}
	if rep.Files != 4 || rep.Findings != 6 || len(rep.Skipped) != 0 {
		t.Errorf("report %+v, want 4 files, 6 findings, nothing skipped", rep)
	}
}

func equalPlaces(a, b []place) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBadChecksumAndLookalikesAreNotReported(t *testing.T) {
	dir := tempDir(t)
	s := newSecret(t)
	write(t, filepath.Join(dir, "a.txt"), strings.Join([]string{
		spoiled(s),
		"ssk_" + strings.Repeat("A", 49),
		s[:len(s)-1],
		strings.ToUpper(s),
	}, "\n"))
	got, _ := collect(t, scan.Options{}, dir)
	if len(got) != 0 {
		t.Fatalf("found %d secrets in lookalikes, want none", len(got))
	}
}

func TestSecretAcrossChunkBoundaryFoundOnceOnItsLine(t *testing.T) {
	dir := tempDir(t)
	s := newSecret(t)
	for _, at := range []int{1<<20 - 20, 1<<20 - 53, 1<<20 - 52, 1 << 20, 2<<20 - 60} {
		var b bytes.Buffer
		lines := 0
		for b.Len() < at-80 {
			b.WriteString(strings.Repeat("x", 79) + "\n")
			lines++
		}
		b.WriteString(strings.Repeat("y", at-b.Len()))
		b.WriteString(s + "\nfin\n")
		p := filepath.Join(dir, "big.log")
		write(t, p, b.String())
		got, _ := collect(t, scan.Options{}, p)
		if len(got) != 1 || got[0].Line != lines+1 || got[0].Digest != digestOf(s) {
			t.Fatalf("secret at byte %d: findings %v, want one on line %d", at, places(got), lines+1)
		}
	}
}

func TestSkipsWithACountByCause(t *testing.T) {
	dir := tempDir(t)
	s := newSecret(t)
	write(t, filepath.Join(dir, "image.bin"), "\x00\x01\x02"+s)
	write(t, filepath.Join(dir, "gros.txt"), strings.Repeat("z", 100<<10)+s)
	write(t, filepath.Join(dir, "cassé.docx"), "ceci n'est pas un zip "+s)
	write(t, filepath.Join(dir, "tronqué.zip"), string(zipBytes(t, entry{"a.txt", s})[:40]))
	// 20 MB of zeros deflate to a few kB: a ratio no document has.
	write(t, filepath.Join(dir, "bombe.zip"), string(zipBytes(t, entry{"zeros.txt", strings.Repeat("\n", 20<<20)}, entry{"b.txt", s})))
	deepest := zipBytes(t, entry{"c.txt", s})
	write(t, filepath.Join(dir, "poupées.zip"), string(zipBytes(t, entry{"l1.zip", string(zipBytes(t, entry{"l2.zip", string(deepest)}))})))

	got, rep := collect(t, scan.Options{MaxFileSize: 64 << 10}, dir)
	if len(got) != 0 {
		t.Errorf("found %v in files that must be skipped", places(got))
	}
	want := map[scan.SkipCause]int64{
		scan.SkipBinary: 1, scan.SkipTooLarge: 1, scan.SkipCorrupt: 2, scan.SkipZipBomb: 1, scan.SkipNested: 1,
	}
	if !equalCounts(rep.Skipped, want) {
		t.Fatalf("skipped %v, want %v", rep.Skipped, want)
	}
}

func TestArchiveExpandingPastItsBudgetIsABomb(t *testing.T) {
	dir := tempDir(t)
	s := newSecret(t)
	var text strings.Builder
	for text.Len() < 3<<20 {
		text.WriteString(newSecret(t)[4:] + "\n") // random: compresses little, no ratio trips
	}
	write(t, filepath.Join(dir, "a.zip"), string(zipBytes(t, entry{"a.txt", text.String()}, entry{"b.txt", s})))
	got, rep := collect(t, scan.Options{MaxExpanded: 1 << 20}, dir)
	if len(got) != 0 || !equalCounts(rep.Skipped, map[scan.SkipCause]int64{scan.SkipZipBomb: 1}) {
		t.Fatalf("findings %v, skipped %v: want none, one zip bomb", places(got), rep.Skipped)
	}
}

func equalCounts(a, b map[scan.SkipCause]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestCancelStopsTheScan(t *testing.T) {
	dir := tempDir(t)
	for i := range 50 {
		write(t, filepath.Join(dir, "f"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), newSecret(t))
	}
	ctx, cancel := context.WithCancel(context.Background())
	var found int
	rep, err := scan.Run(ctx, []string{dir}, scan.Options{Workers: 1}, scan.Handler{Found: func(scan.Finding) {
		found++
		if found == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if found > 5 || rep.Files > 5 {
		t.Fatalf("after cancelling at the 3rd finding: %d findings, %d files read of 50", found, rep.Files)
	}
}

func TestProgressReachesTheTotalsAndNothingIsWritten(t *testing.T) {
	dir := tempDir(t)
	s := newSecret(t)
	write(t, filepath.Join(dir, "a.txt"), s)
	write(t, filepath.Join(dir, "b", "c.docx"), string(docx(t, "x", s)))
	write(t, filepath.Join(dir, "b", "d.zip"), string(zipBytes(t, entry{"e.txt", s})))
	before := snapshot(t, dir)
	var last scan.Progress
	calls := 0
	_, err := scan.Run(context.Background(), []string{dir}, scan.Options{}, scan.Handler{Progress: func(p scan.Progress) { last = p; calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if last.FilesTotal != 3 || last.FilesDone != 3 || last.BytesDone != last.BytesTotal || last.BytesTotal == 0 || calls < 4 {
		t.Fatalf("last progress %+v after %d calls: want 3 of 3 files and every byte", last, calls)
	}
	if after := snapshot(t, dir); after != before {
		t.Fatalf("the folder changed:\n%s\n---\n%s", before, after)
	}
}

// snapshot lists every name, size, mode and modification time under dir.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(p + " " + fi.Mode().String() + " " + fi.ModTime().Format(time.RFC3339Nano))
		if !fi.IsDir() {
			b.WriteString(" " + string(rune('0'+fi.Size()%10)))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// utf16 encodes ASCII text as UTF-16 with its byte order mark, as Notepad's
// « Unicode » or Windows PowerShell's Out-File write it.
func utf16(text string, bigEndian bool) string {
	b := []byte{0xFF, 0xFE}
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	}
	for i := 0; i < len(text); i++ {
		if bigEndian {
			b = append(b, 0, text[i])
		} else {
			b = append(b, text[i], 0)
		}
	}
	return string(b)
}

// A secret in a UTF-16 text (with its byte order mark) is found on its line, in a
// file or an archive entry; in a hyperlink of a Word document, in the part that holds
// the link's target.
func TestFindsSecretsInUTF16AndHyperlinks(t *testing.T) {
	dir := tempDir(t)
	s1, s2, s3, s4 := newSecret(t), newSecret(t), newSecret(t), newSecret(t)
	write(t, filepath.Join(dir, "config.ps1.txt"), utf16("$a = 1\r\n$cle = '"+s1+"'\r\n", false))
	write(t, filepath.Join(dir, "be.txt"), utf16("x\n\n"+s2, true))
	write(t, filepath.Join(dir, "export.zip"), string(zipBytes(t, entry{"cles.csv", utf16("nom;secret\nPaie;"+s3+"\n", false)})))
	write(t, filepath.Join(dir, "lien.docx"), string(zipBytes(t,
		entry{"word/document.xml", `<w:document><w:body><w:p><w:hyperlink r:id="rId5"><w:r><w:t>tableau de bord</w:t></w:r></w:hyperlink></w:p></w:body></w:document>`},
		entry{"word/_rels/document.xml.rels", `<?xml version="1.0"?><Relationships><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://api.example.fr/tableau?key=` + s4 + `" TargetMode="External"/></Relationships>`},
	)))
	got, rep := collect(t, scan.Options{}, dir)
	want := []place{
		{filepath.Join(dir, "be.txt"), "", 3, digestOf(s2)},
		{filepath.Join(dir, "config.ps1.txt"), "", 2, digestOf(s1)},
		{filepath.Join(dir, "export.zip"), "cles.csv", 2, digestOf(s3)},
		{filepath.Join(dir, "lien.docx"), "word/_rels/document.xml.rels", 1, digestOf(s4)},
	}
	if g := places(got); !equalPlaces(g, want) || len(rep.Skipped) != 0 {
		t.Fatalf("findings:\n got %v\nwant %v\nskipped %v", g, want, rep.Skipped)
	}
}

// An archive inside an archive is read in memory: one larger than MaxNested is
// skipped as too large, the rest of the outer archive still read.
func TestLargeInnerArchiveIsSkipped(t *testing.T) {
	dir := tempDir(t)
	s1, s2 := newSecret(t), newSecret(t)
	inner := zipBytes(t, entry{"gros.txt", strings.Repeat("données\n", 8<<10) + s1})
	write(t, filepath.Join(dir, "envoi.zip"), string(zipBytes(t, entry{"inner.zip", string(inner)}, entry{"b.txt", s2})))
	got, rep := collect(t, scan.Options{MaxNested: int64(len(inner)) - 1}, dir)
	if len(got) != 1 || got[0].Part != "b.txt" || !equalCounts(rep.Skipped, map[scan.SkipCause]int64{scan.SkipTooLarge: 1}) {
		t.Fatalf("findings %v, skipped %v: want b.txt's secret, one inner archive too large", places(got), rep.Skipped)
	}
	if got, _ := collect(t, scan.Options{MaxNested: int64(len(inner))}, dir); len(got) != 2 {
		t.Fatalf("an inner archive of exactly MaxNested: findings %v", places(got))
	}
}
