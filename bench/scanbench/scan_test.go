package scanbench

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/scan"
)

// budget is the issue's: the scan takes at most this many times grep's time.
const budget = 2.0

var words = strings.Fields(`facture client paie banque relance exercice bilan compte
	journal écriture TVA échéance règlement virement fournisseur salarié contrat cabinet
	export import https://api.example.fr/v1/ token=abc123 id=42 status=ok GET POST 200
	2026-12-07T10:00:00Z INFO WARN erreur délai montant total`)

// text returns about n bytes of log-like lines.
func text(r *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for b.Len() < n {
		for w := 4 + r.IntN(10); w > 0; w-- {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// tree writes about mb megabytes of files under dir (sizes as on disk), with a few
// secrets (one file in 13): plain text only, or, mixed, three files in ten a Word or Excel document
// or a zip archive.
func tree(b *testing.B, dir string, mb int, mixed bool) (secrets int, expanded int64) {
	b.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	creds, err := service.NewCredentials()
	if err != nil {
		b.Fatal(err)
	}
	var written int64
	for i := 0; written < int64(mb)<<20; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("dossier%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		body := text(r, 4<<10+r.IntN(600<<10))
		if i%13 == 0 {
			body = append(body, []byte("SESAME_SECRET="+creds.Secret+"\n")...)
			secrets++
		}
		var name string
		var data []byte
		kind := i % 10
		if !mixed {
			kind = 0
		}
		switch kind {
		case 7:
			name, data = fmt.Sprintf("rapport%d.docx", i), zipOf(b, "word/document.xml", wordXML(body))
		case 8:
			name, data = fmt.Sprintf("tableau%d.xlsx", i), zipOf(b, "xl/sharedStrings.xml", sheetXML(body))
		case 9:
			name, data = fmt.Sprintf("envoi%d.zip", i), zipOf(b, "notes.txt", body)
		default:
			name, data = fmt.Sprintf("journal%d.log", i), body
		}
		expanded += int64(len(body))
		if kind == 7 || kind == 8 {
			expanded += int64(len(body)) / 3 // about what the XML's tags add
		}
		if err := os.WriteFile(filepath.Join(sub, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
		written += int64(len(data))
	}
	return secrets, expanded
}

func wordXML(body []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><w:document><w:body>`)
	for _, l := range bytes.Split(body, []byte{'\n'}) {
		b.WriteString(`<w:p><w:r w:rsidR="00A1B2C3"><w:t>`)
		b.Write(l)
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

func sheetXML(body []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><sst>`)
	for _, l := range bytes.Split(body, []byte{'\n'}) {
		b.WriteString(`<si><t>`)
		b.Write(l)
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.Bytes()
}

func zipOf(b *testing.B, name string, content []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.Write(content); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkScanAgainstGrep times the scan and grep -rE over the same tree, plain
// text only, then mixed (the budget), each three times in turn after a
// warm-up (the tree in the page cache for both), and judges the best of each.
func BenchmarkScanAgainstGrep(b *testing.B) {
	mb := 100
	if s := os.Getenv("SESAME_SCAN_BENCH_MB"); s != "" {
		var err error
		if mb, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("text", func(b *testing.B) { compare(b, mb, false) })
	b.Run("mixed", func(b *testing.B) { compare(b, mb, true) })
}

func compare(b *testing.B, mb int, mixed bool) {
	dir := b.TempDir()
	secrets, expanded := tree(b, dir, mb, mixed)
	grep := func() time.Duration {
		start := time.Now()
		cmd := exec.Command("grep", "-rE", "ssk_[0-9A-Za-z]+", dir)
		cmd.Env = append(os.Environ(), "LC_ALL=C")
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatalf("grep: %v", err)
		}
		return time.Since(start)
	}
	var found int64
	scanOnce := func() time.Duration {
		start := time.Now()
		rep, err := scan.Run(context.Background(), []string{dir}, scan.Options{}, scan.Handler{})
		if err != nil {
			b.Fatal(err)
		}
		found = rep.Findings
		return time.Since(start)
	}
	grep()
	scanOnce()
	b.ResetTimer()
	bestGrep, bestScan := time.Duration(1<<62), time.Duration(1<<62)
	for range 3 {
		bestGrep = min(bestGrep, grep())
		bestScan = min(bestScan, scanOnce())
	}
	b.StopTimer()
	if found != int64(secrets) {
		b.Errorf("the scan found %d secrets, the tree holds %d", found, secrets)
	}
	ratio := bestScan.Seconds() / bestGrep.Seconds()
	b.ReportMetric(bestScan.Seconds(), "scan-s")
	b.ReportMetric(bestGrep.Seconds(), "grep-s")
	b.ReportMetric(ratio, "ratio")
	what, verdict := "text", "for information"
	if mixed {
		what, verdict = "mixed", "OK"
		if ratio > budget {
			verdict = "OVER BUDGET"
			b.Errorf("the scan took %.2f× grep's time (budget %.0f×)", ratio, budget)
		}
	}
	fmt.Printf("   %d MB %s tree (about %d MB of text once expanded): scan %.3f s, grep -rE %.3f s, ratio %.2f (budget %.0f×): %s\n",
		mb, what, expanded>>20, bestScan.Seconds(), bestGrep.Seconds(), ratio, budget, verdict)
	if mixed {
		// What grep needs to find the documents' secrets too: unzip -p each one into it.
		best := time.Duration(1 << 62)
		for range 3 {
			best = min(best, unzipGrep(b, dir))
		}
		fmt.Printf("   the same with each document and archive unzipped into grep: %.3f s, scan/that %.2f\n",
			best.Seconds(), bestScan.Seconds()/best.Seconds())
		// The floor under any scan of this tree: only inflating the documents' and
		// archives' entries, with as many workers as the scan, reading nothing else.
		floor := time.Duration(1 << 62)
		for range 3 {
			floor = min(floor, inflateOnly(b, dir, 2))
		}
		fmt.Printf("   only inflating the documents and archives (archive/zip, 2 workers, nothing scanned): %.3f s = %.2f× grep; scan/that %.2f\n",
			floor.Seconds(), floor.Seconds()/bestGrep.Seconds(), bestScan.Seconds()/floor.Seconds())
	}
}

// inflateOnly times reading every entry of the tree's .docx, .xlsx and .zip files to
// io.Discard with archive/zip, workers files at once: what any scan that looks inside
// them must do at least, and what grep, which reads their compressed bytes, does not.
func inflateOnly(b *testing.B, dir string, workers int) time.Duration {
	b.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			switch filepath.Ext(p) {
			case ".docx", ".xlsx", ".zip":
				paths = append(paths, p)
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	next := make(chan string)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var first error
			for p := range next {
				if err := inflate(p); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	for range workers {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

func inflate(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer z.Close()
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, r)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// unzipGrep times grep -rE over the plain files and unzip -p of every document and
// archive piped into grep -E: a shell's way of doing what the scan does (grep's
// status 1, no match, is no failure).
func unzipGrep(b *testing.B, dir string) time.Duration {
	b.Helper()
	const script = `grep -rE 'ssk_[0-9A-Za-z]+' --exclude='*.docx' --exclude='*.xlsx' --exclude='*.zip' "$1" >/dev/null
[ $? -le 1 ] || exit 2
find "$1" \( -name '*.docx' -o -name '*.xlsx' -o -name '*.zip' \) -exec unzip -p {} \; | grep -E 'ssk_[0-9A-Za-z]+' >/dev/null
[ $? -le 1 ]`
	start := time.Now()
	cmd := exec.Command("bash", "-c", script, "unzipgrep", dir)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("grep and unzip: %v\n%s", err, out)
	}
	return time.Since(start)
}
