package httpserver_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
)

// smallBuffers accepts connections whose send buffer is small, so that a slow reader
// holds the server's writes back instead of the kernel taking the whole file.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// A desktop build reaches a client that reads it slowly whole, even when the
// download lasts longer than the server's write timeout (30 s as serve runs it,
// shortened here): the handler renews its write deadline while it copies, as the
// import handler extends its read.
func TestDesktopBuildOutlastsTheWriteTimeout(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	data := make([]byte, 3<<20)
	_, _ = rand.Read(data)
	sum := sha256.Sum256(data)
	rel := service.DesktopRelease{Version: "2.1.0", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		FileName: "Sésame.msi", PublishedAt: time.Now(), PublishedBy: "Exploitation"}
	ev := service.AuditEvent{At: time.Now(), Actor: "Exploitation", Action: service.AuditDesktopPublish, Detail: rel.Version + " " + rel.SHA256}
	if err := e.st.PutRelease(context.Background(), rel, bytes.NewReader(data), ev); err != nil {
		t.Fatal(err)
	}

	hs := httpserver.NewHTTPServer("", e.srv.Handler(), slog.New(slog.NewTextHandler(e.logs, nil)))
	hs.WriteTimeout = 100 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = hs.Serve(smallBuffers{ln}) }()
	t.Cleanup(func() { _ = hs.Close() })

	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetReadBuffer(16 << 10)
		}
		return c, err
	}
	client := &http.Client{Transport: &http.Transport{DialContext: dial}}
	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/v1/desktop/releases/2.1.0/file", nil)
	req.Header.Set("Authorization", "Bearer "+admin.AccessToken)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download: %d", resp.StatusCode)
	}
	var got bytes.Buffer
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("download cut after %d of %d bytes: %v", got.Len(), len(data), err)
		}
		time.Sleep(5 * time.Millisecond) // a slow line: the download outlasts the write timeout
	}
	if !bytes.Equal(got.Bytes(), data) {
		t.Fatalf("downloaded %d bytes, not the %d published", got.Len(), len(data))
	}
}
