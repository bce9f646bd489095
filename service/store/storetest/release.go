package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// newBuild is a desktop build of n bytes (more than one stored part when large) and
// its release record.
func newBuild(version string, n int) ([]byte, service.DesktopRelease) {
	data := bytes.Repeat([]byte(version+"|MSI|"), n/(len(version)+5)+1)[:n]
	sum := sha256.Sum256(data)
	return data, service.DesktopRelease{Version: version, SHA256: hex.EncodeToString(sum[:]), Size: int64(n),
		FileName: "Sésame.msi", PublishedAt: time.UnixMicro(base.UnixMicro()), PublishedBy: "Exploitation"}
}

func publishEvent(r service.DesktopRelease) service.AuditEvent {
	return service.AuditEvent{At: r.PublishedAt, Actor: "Exploitation", Action: service.AuditDesktopPublish, Detail: r.Version + " " + r.SHA256}
}

// testReleases: builds are stored whole, the highest version is the latest whatever
// the order of publication, a version is published once, a file that is not what
// its record says is refused with nothing stored, and each publication is journaled.
func testReleases(t *testing.T, st store.Store) {
	s, ok := st.(store.ReleaseStore)
	if !ok {
		t.Fatalf("%T does not keep desktop builds (store.ReleaseStore)", st)
	}
	ctx := t.Context()
	if _, err := s.LatestRelease(ctx); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("LatestRelease on an empty store: %v, want ENOTFOUND", err)
	}
	big, r10 := newBuild("1.10.0", 2<<20+12345) // three parts
	small, r9 := newBuild("1.9.3", 700)
	for _, b := range []struct {
		data []byte
		r    service.DesktopRelease
	}{{big, r10}, {small, r9}} {
		if err := s.PutRelease(ctx, b.r, bytes.NewReader(b.data), publishEvent(b.r)); err != nil {
			t.Fatalf("PutRelease(%s): %v", b.r.Version, err)
		}
	}
	latest, err := s.LatestRelease(ctx)
	if err != nil || latest != r10 {
		t.Fatalf("LatestRelease = %+v, %v; want 1.10.0 (numbers compared, not text): %+v", latest, err, r10)
	}
	var got bytes.Buffer
	if err := s.WriteRelease(ctx, "1.10.0", &got); err != nil || !bytes.Equal(got.Bytes(), big) {
		t.Fatalf("WriteRelease(1.10.0): %d bytes, %v; want the %d bytes stored", got.Len(), err, len(big))
	}
	if err := s.PutRelease(ctx, r9, bytes.NewReader(small), publishEvent(r9)); service.ErrorMessage(err) != service.MsgDesktopReleaseExists {
		t.Fatalf("PutRelease of a version stored already: %v", err)
	}
	// A file that changed between its digest and its storing.
	_, r11 := newBuild("1.11.0", 5000)
	if err := s.PutRelease(ctx, r11, strings.NewReader(strings.Repeat("x", 5000)), publishEvent(r11)); service.ErrorCode(err) != service.EINVALID {
		t.Fatalf("PutRelease of other bytes than its digest's: %v, want EINVALID", err)
	}
	if _, err := s.Release(ctx, "1.11.0"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("a refused build was stored: %v", err)
	}
	if err := s.WriteRelease(ctx, "1.11.0", &got); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("WriteRelease of a refused build: %v", err)
	}
	if _, err := s.Release(ctx, "1.9.3"); err != nil {
		t.Fatalf("Release(1.9.3): %v", err)
	}
	evs, err := st.Audit(ctx, service.AuditFilter{Action: service.AuditDesktopPublish})
	if err != nil || len(evs) != 2 || evs[0].Detail != "1.9.3 "+r9.SHA256 {
		t.Fatalf("journal of the publications: %+v, %v", evs, err)
	}
}
