package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"sesame/service"
	"sesame/service/api"
)

// Audit implements service.Portal.
func (p *Portal) Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error) {
	var out api.AuditPage
	err := p.do(ctx, http.MethodGet, "/v1/audit", api.AuditQuery(f), nil, &out)
	return out.ToAuditEvents(), err
}

// VerifyAudit implements service.Portal: the server checks its chain.
func (p *Portal) VerifyAudit(ctx context.Context) (service.AuditCheck, error) {
	var out api.AuditCheck
	err := p.do(ctx, http.MethodGet, "/v1/audit/verify", nil, nil, &out)
	return out.ToAuditCheck(), err
}

// ExportAudit implements service.Portal: the server's CSV export (format=csv) is
// copied to w as it arrives, its lines counted against the total the server
// announced. A transfer cut short is an error (the server cuts it when it fails
// midway); the export is whole only when it ends with the chain's head line.
func (p *Portal) ExportAudit(ctx context.Context, f service.AuditFilter, w io.Writer, progress func(done, total int64)) error {
	q := api.AuditQuery(f)
	q.Set(api.ParamFormat, api.FormatCSV)
	resp, err := p.send(ctx, http.MethodGet, "/v1/audit", q, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	total, _ := strconv.ParseInt(resp.Header.Get(api.HeaderAuditTotal), 10, 64)
	if progress != nil {
		progress(0, total)
	}
	cw := &lineCounter{w: w, total: total, progress: progress}
	if _, err := io.Copy(cw, resp.Body); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var se *service.Error
		if errors.As(err, &se) {
			return err
		}
		if cw.werr != nil {
			return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, cw.werr)
		}
		return classifyNet(err)
	}
	if !cw.sawHead {
		return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("audit export: no head line"))
	}
	if progress != nil {
		progress(min(cw.lines, total), total)
	}
	return nil
}

// lineCounter passes the export through, counting event lines for the progress bar
// and watching for the head line that ends a whole export.
type lineCounter struct {
	w        io.Writer
	werr     error
	lines    int64 // lines after the header
	header   bool
	total    int64
	progress func(done, total int64)
	last     []byte // the start of the current line
	sawHead  bool
}

func (c *lineCounter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	if err != nil {
		c.werr = err
		return n, err
	}
	for rest := b; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			c.keep(rest)
			break
		}
		c.keep(rest[:i])
		c.sawHead = service.IsAuditCSVHeadLine(c.last)
		c.last = c.last[:0]
		if c.header {
			c.lines++
			if c.progress != nil && c.lines%2000 == 0 {
				c.progress(min(c.lines, c.total), c.total)
			}
		}
		c.header = true
		rest = rest[i+1:]
	}
	return n, nil
}

// headRoom is how much of a line's start is enough to recognise the head line.
const headRoom = 64

// keep remembers the first bytes of the current line, enough to recognise the head.
func (c *lineCounter) keep(b []byte) {
	if room := headRoom - len(c.last); room > 0 {
		c.last = append(c.last, b[:min(room, len(b))]...)
	}
}

// SealAudit implements service.Portal: the server seals its journal's head.
func (p *Portal) SealAudit(ctx context.Context) (service.AuditSeal, error) {
	var out api.AuditSeal
	err := p.do(ctx, http.MethodPost, "/v1/audit/seal", nil, nil, &out)
	return out.ToAuditSeal(), err
}
