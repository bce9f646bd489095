package remote

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"sesame/service"
	"sesame/service/api"
)

// downloadStall is how long a download may go without a byte before it is given up.
const downloadStall = 30 * time.Second

// LatestDesktop implements service.DesktopUpdates.
func (p *Portal) LatestDesktop(ctx context.Context) (service.DesktopRelease, error) {
	var out api.DesktopRelease
	err := p.do(ctx, http.MethodGet, "/v1/desktop/latest", nil, nil, &out)
	return out.ToDesktopRelease(), err
}

// DownloadDesktop implements service.DesktopUpdates: the file comes from the firm's
// server, the one this Portal speaks to, over the same trusted connection, and from
// nowhere else. The download has no overall time limit (a build is tens of
// megabytes) but stops when no byte came for downloadStall.
func (p *Portal) DownloadDesktop(ctx context.Context, version string) (io.ReadCloser, error) {
	ctx, cancel := context.WithCancel(ctx)
	slow := *p.client
	slow.Timeout = 0
	q := *p
	q.client = &slow
	resp, err := q.send(ctx, http.MethodGet, api.DesktopFilePath(url.PathEscape(version)), nil, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	return &stallReader{body: resp.Body, cancel: cancel, timer: time.AfterFunc(downloadStall, cancel)}, nil
}

// stallReader reads a body and cancels its request when no byte came for
// downloadStall.
type stallReader struct {
	body   io.ReadCloser
	cancel context.CancelFunc
	timer  *time.Timer
}

func (s *stallReader) Read(b []byte) (int, error) {
	n, err := s.body.Read(b)
	if n > 0 {
		s.timer.Reset(downloadStall)
	}
	if err != nil && err != io.EOF {
		err = classifyNet(err)
	}
	return n, err
}

func (s *stallReader) Close() error {
	s.timer.Stop()
	s.cancel()
	return s.body.Close()
}

var _ service.DesktopUpdates = (*Portal)(nil)
