package httpserver

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// A leak report is how a secret scanning programme (GitHub's partner programme, and
// any that copies its shape) tells the firm that one of its secrets was found in
// public: POST /v1/leaks with a JSON list of {token, type, url, source}, signed with
// ECDSA P-256 over the body; the key that signed is named by its identifier in
// HeaderLeakKeyID, the base64 DER signature is in HeaderLeakSignature. Each secret of
// an active key suspends it at once (the reversible state: an administrator resumes
// it); an old secret still in a renewal's grace ends the grace instead (resuming a
// suspended key would have brought the leaked secret back); both are journaled with
// the URL and the source. The answer labels each token true_positive or
// false_positive by its SHA-256, and says nothing else of the keys.

// The headers of a signed leak report.
const (
	HeaderLeakKeyID     = "Github-Public-Key-Identifier"
	HeaderLeakSignature = "Github-Public-Key-Signature"
)

// Bounds of a leak report: its body, and the tokens it may hold.
const (
	maxLeakReportBytes  = 1 << 20
	maxLeakReportTokens = 1000
)

// The labels of a leak report's answer.
const (
	leakTruePositive  = "true_positive"
	leakFalsePositive = "false_positive"
)

// The sentences of leak reports, as codes of the message catalogue.
const (
	msgLeakNotConfigured msg.Code = "leak.not_configured"
	msgLeakSignature     msg.Code = "leak.signature_invalid"
	msgLeakTooMany       msg.Code = "leak.too_many_tokens"
	msgLeakReason        msg.Code = "leak.suspend_reason"
	msgLeakActor         msg.Code = "leak.actor"
)

// LeakReportKeys are the public keys whose signatures a leak report may carry, by
// identifier.
type LeakReportKeys map[string]*ecdsa.PublicKey

// ReadLeakReportKeys reads the keys of a file in the shape of GitHub's
// https://api.github.com/meta/public_keys/secret_scanning: {"public_keys":
// [{"key_identifier": …, "key": PEM of an ECDSA public key}, …]}.
func ReadLeakReportKeys(path string) (LeakReportKeys, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		PublicKeys []struct {
			ID  string `json:"key_identifier"`
			Key string `json:"key"`
		} `json:"public_keys"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	keys := LeakReportKeys{}
	for _, k := range doc.PublicKeys {
		block, _ := pem.Decode([]byte(k.Key))
		if block == nil {
			return nil, fmt.Errorf("%s: key %q is not PEM", path, k.ID)
		}
		pub, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: key %q: %w", path, k.ID, err)
		}
		ec, ok := pub.(*ecdsa.PublicKey)
		if !ok || k.ID == "" {
			return nil, fmt.Errorf("%s: key %q is not an ECDSA public key with an identifier", path, k.ID)
		}
		keys[k.ID] = ec
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s: no public key", path)
	}
	return keys, nil
}

// verify reports whether sig (base64 of a DER ECDSA signature) is the key id's over
// body's SHA-256.
func (ks LeakReportKeys) verify(id, sig string, body []byte) bool {
	pub, ok := ks[id]
	if !ok {
		return false
	}
	der, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(body)
	return ecdsa.VerifyASN1(pub, sum[:], der)
}

// leakedToken is one entry of a leak report.
type leakedToken struct {
	Token  string `json:"token"`
	Type   string `json:"type"`
	URL    string `json:"url"`
	Source string `json:"source"`
}

// leakLabel is one entry of the answer: the token by its SHA-256 (never the token).
type leakLabel struct {
	TokenHash string `json:"token_hash"`
	TokenType string `json:"token_type"`
	Label     string `json:"label"`
}

// handleLeakReport answers POST /v1/leaks: 404 when no signing keys are configured
// (serve --leak-report-keys), 401 for a signature that is not a configured key's
// (counted against the address, 429 past its allowance), 422 over 1 MB or over
// maxLeakReportTokens tokens, else 200 with a label per token.
func (s *Server) handleLeakReport(w http.ResponseWriter, r *http.Request) {
	if len(s.cfg.LeakReportKeys) == 0 {
		s.writeProblem(w, r, service.Errorf(service.ENOTFOUND, msgLeakNotConfigured, nil))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxLeakReportBytes))
	if err != nil {
		s.writeProblem(w, r, badRequest(err))
		return
	}
	if !s.cfg.LeakReportKeys.verify(r.Header.Get(HeaderLeakKeyID), r.Header.Get(HeaderLeakSignature), body) {
		if wait := s.keyFailure(r, ""); wait > 0 {
			s.writeProblem(w, r, errRateLimited(wait))
			return
		}
		s.log.Warn("leak report refused: bad signature", logAttrs(r)...)
		s.writeProblem(w, r, service.Errorf(service.EUNAUTHORIZED, msgLeakSignature, nil))
		return
	}
	var tokens []leakedToken
	if err := json.Unmarshal(body, &tokens); err != nil {
		s.writeProblem(w, r, badRequest(err))
		return
	}
	if len(tokens) > maxLeakReportTokens {
		e := service.Errorf(service.EINVALID, msgLeakTooMany, nil)
		e.Params = msg.Params{"Max": maxLeakReportTokens}
		s.writeProblem(w, r, e)
		return
	}
	labels, err := s.judgeLeaks(r.Context(), r, tokens)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, labels)
}

// judgeLeaks labels each token and stops each leaked secret that still opens a key:
// an active key's current secret suspends the key; an old secret still in its grace
// ends the grace (the key goes on with its new secret, which did not leak). Each is
// journaled with the URL and the source, once per key and report.
func (s *Server) judgeLeaks(ctx context.Context, r *http.Request, tokens []leakedToken) ([]leakLabel, error) {
	labels := make([]leakLabel, len(tokens))
	digests := make([][]byte, len(tokens))
	var ours [][]byte
	for i, t := range tokens {
		sum := sha256.Sum256([]byte(t.Token))
		labels[i] = leakLabel{TokenHash: hex.EncodeToString(sum[:]), TokenType: t.Type, Label: leakFalsePositive}
		if service.CheckSecret(t.Token) == nil {
			digests[i] = service.SecretDigest(t.Token)
			ours = append(ours, digests[i])
		}
	}
	type match struct {
		k   store.KeyRecord
		old bool // the key's old secret, kept for a renewal's grace
	}
	byDigest := map[string]match{}
	for len(ours) > 0 {
		n := min(len(ours), service.MaxDigestLookup)
		keys, err := s.st.KeysByDigest(ctx, ours[:n])
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			byDigest[string(k.Digest)] = match{k: k}
			if k.OldDigest != nil {
				byDigest[string(k.OldDigest)] = match{k: k, old: true}
			}
		}
		ours = ours[n:]
	}
	now := s.now()
	actor := msg.T(msgLeakActor, nil)
	acted := map[string]bool{} // keys already stopped by this report
	for i, t := range tokens {
		m, found := byDigest[string(digests[i])]
		if digests[i] == nil || !found {
			continue
		}
		labels[i].Label = leakTruePositive
		k := m.k
		switch {
		case acted[k.ID]:
			continue
		case m.old && (k.OldSecret == nil || !k.OldSecret.Live(now)):
			continue // its grace is over: the leaked secret opens nothing
		case !m.old && !k.Usable(now):
			continue // revoked, expired or suspended already: nothing to stop
		}
		acted[k.ID] = true
		reason := leakReason(t)
		ev := service.AuditEvent{At: now, Actor: actor, Action: service.AuditSuspend, Addr: ClientAddr(r),
			KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service, Detail: reason}
		var err error
		if m.old {
			ev.Action = service.AuditEndGrace
			_, err = s.st.EndGrace(ctx, k.ID, ev)
		} else {
			_, err = s.st.SuspendKey(ctx, k.ID, service.Suspension{At: now, By: actor, Reason: reason}, ev)
		}
		switch {
		case service.ErrorCode(err) == service.ECONFLICT: // stopped meanwhile, by someone else
			continue
		case err != nil:
			return nil, err
		}
		s.log.Warn("leaked secret stopped", "key", k.ID, "tiers", k.Tiers, "old_secret", m.old, "source", t.Source, "url", t.URL)
	}
	return labels, nil
}

// leakReason is the suspension's reason for a leaked token: where it was found, cut
// to service.MaxSuspendReason characters (a URL may be long).
func leakReason(t leakedToken) string {
	reason := msg.T(msgLeakReason, msg.Params{"Source": strings.TrimSpace(t.Source), "URL": strings.TrimSpace(t.URL)})
	if r := []rune(reason); len(r) > service.MaxSuspendReason {
		reason = string(r[:service.MaxSuspendReason-1]) + "…"
	}
	if n, err := service.NormalizeReason(reason); err == nil {
		return n
	}
	return reason
}
