package notify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// webhookTimeout bounds one webhook request: a receiver that hangs is retried later.
const webhookTimeout = 15 * time.Second

// ValidWebhookURL reports whether u is an absolute https:// URL with a host.
func ValidWebhookURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && p.Host != "" && p.User == nil
}

// PostWebhook POSTs body (a Notification in JSON) to u, signed with secret at now
// (SignatureHeader), and returns the answer's status code and status line; a status
// other than 2xx is an error, as is no answer within webhookTimeout.
func PostWebhook(ctx context.Context, client *http.Client, u string, secret, body []byte, kind, id string, now time.Time) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Sesame-Webhook/1")
	req.Header.Set(SignatureHeader, Sign(secret, now, body))
	req.Header.Set(EventHeader, kind)
	req.Header.Set(IDHeader, id)
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, resp.Status, fmt.Errorf("webhook answered %s", resp.Status)
	}
	return resp.StatusCode, resp.Status, nil
}
