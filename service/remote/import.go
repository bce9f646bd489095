package remote

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"sesame/service"
	"sesame/service/api"
)

// ImportTimeout bounds one move of a desktop's file to the server (its upload and
// its import), in place of RequestTimeout: a firm's file may take minutes.
const ImportTimeout = 15 * time.Minute

// ImportFile sends the desktop file at path (a copy the app made of its own file) to
// POST /v1/import and returns what moved, or with dry what would move. progress, if
// not nil, is called with the bytes sent so far and the file's size.
func (p *Portal) ImportFile(ctx context.Context, path string, dry bool, progress func(sent, total int64)) (service.ImportCounts, error) {
	tok, err := p.tokens.Token()
	if err != nil {
		return service.ImportCounts{}, classifyOAuth(err)
	}
	f, err := os.Open(path)
	if err != nil {
		return service.ImportCounts{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return service.ImportCounts{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	u := p.base + "/v1/import"
	if dry {
		u += "?dryRun=true"
	}
	body := &countingReader{r: f, total: fi.Size(), progress: progress}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, body)
	if err != nil {
		return service.ImportCounts{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	req.ContentLength = fi.Size()
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/vnd.sqlite3")
	tok.SetAuthHeader(req)
	client := *p.client
	client.Timeout = ImportTimeout
	resp, err := client.Do(req)
	if err != nil {
		return service.ImportCounts{}, classifyNet(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return service.ImportCounts{}, classifyNet(err)
	}
	if resp.StatusCode >= 300 {
		return service.ImportCounts{}, problemError(resp, data)
	}
	var out api.ImportReport
	if err := json.Unmarshal(data, &out); err != nil {
		return service.ImportCounts{}, service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("POST /v1/import: bad JSON: %w", err))
	}
	return out.ToImport(), nil
}

// countingReader reports how much of a body was read.
type countingReader struct {
	r        io.Reader
	sent     atomic.Int64
	total    int64
	progress func(sent, total int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if n > 0 && c.progress != nil {
		c.progress(c.sent.Add(int64(n)), c.total)
	}
	return n, err
}
