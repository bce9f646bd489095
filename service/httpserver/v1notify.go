package httpserver

import (
	"net/http"
	"strconv"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/notify"
	"sesame/service/store"
)

// The firm's notifications (issue 18 item 3): each administrator's choices, and the
// firm's SMTP server, webhooks and deliveries, which any of its administrators
// manages. Secrets are written, never read back: the SMTP password not at all, a
// webhook's signing secret once, in the answer that creates it.

// handleGetNotifyChoice answers GET /v1/notifications/choice with the signed-in
// administrator's choices (none yet: no address, French, no event).
func (s *Server) handleGetNotifyChoice(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	c, err := s.st.NotifyChoice(r.Context(), prof.Login)
	if service.ErrorCode(err) == service.ENOTFOUND {
		c, err = store.NotifyChoice{Language: "fr"}, nil
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromNotifyChoice(c))
}

// handlePutNotifyChoice answers PUT /v1/notifications/choice {"email", "language",
// "events"}: the administrator's own choices replaced.
func (s *Server) handlePutNotifyChoice(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	var req api.NotifyChoice
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c := store.NotifyChoice{Login: prof.Login, Firm: prof.SICCode, Email: req.Email, Language: req.Language, Kinds: req.Kinds()}
	if err := s.notifier.SetChoice(r.Context(), c); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	got, err := s.st.NotifyChoice(r.Context(), prof.Login)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("notification choices set", append(logAttrs(r), "events", len(got.Kinds))...)
	writeJSON(w, http.StatusOK, api.FromNotifyChoice(got))
}

// handleGetSMTP answers GET /v1/notifications/smtp with the firm's SMTP settings,
// without the password; 404 when none are set.
func (s *Server) handleGetSMTP(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	c, err := s.st.SMTP(r.Context(), prof.SICCode)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromSMTP(c, s.smtpPasswordSet(c)))
}

// handlePutSMTP answers PUT /v1/notifications/smtp: the firm's SMTP settings
// replaced, the password sealed by the master key.
func (s *Server) handlePutSMTP(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	var req api.SMTPSettings
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.notifier.SetSMTP(r.Context(), prof.SICCode, prof.AdminName, smtpInput(req))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("smtp settings set", append(logAttrs(r), "firm", prof.SICCode, "host", c.Host, "port", c.Port)...)
	writeJSON(w, http.StatusOK, api.FromSMTP(c, req.Password != ""))
}

// handleTestSMTP answers POST /v1/notifications/smtp/test {"to"}: a test e-mail
// sent now, and the SMTP server's reply; 503 with the reply when it refuses.
func (s *Server) handleTestSMTP(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	var req api.SMTPTest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	lang := "fr"
	if c, err := s.st.NotifyChoice(r.Context(), prof.Login); err == nil {
		lang = c.Language
	}
	reply, err := s.notifier.TestSMTP(r.Context(), prof.SICCode, req.To, lang)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.SMTPTestResult{Reply: reply})
}

// handleListWebhooks answers GET /v1/notifications/webhooks with the firm's
// webhooks, without their secrets.
func (s *Server) handleListWebhooks(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	ws, err := s.st.Webhooks(r.Context(), prof.SICCode)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	out := make([]api.Webhook, 0, len(ws))
	for _, wh := range ws {
		out = append(out, api.FromWebhook(wh))
	}
	writeJSON(w, http.StatusOK, out)
}

// handleAddWebhook answers POST /v1/notifications/webhooks {"url", "events"} with
// 201 and the webhook, its signing secret shown this once.
func (s *Server) handleAddWebhook(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	var req api.NewWebhook
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	wh, secret, err := s.notifier.AddWebhook(r.Context(), prof.SICCode, prof.AdminName, req.URL, req.Kinds())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("webhook added", append(logAttrs(r), "firm", prof.SICCode, "webhook", wh.ID)...)
	out := api.FromWebhook(wh)
	out.Secret = secret
	writeJSON(w, http.StatusCreated, out)
}

// handleRemoveWebhook answers DELETE /v1/notifications/webhooks/{id} with 204.
func (s *Server) handleRemoveWebhook(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	if err := s.st.RemoveWebhook(r.Context(), prof.SICCode, r.PathValue("id")); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("webhook removed", append(logAttrs(r), "firm", prof.SICCode, "webhook", r.PathValue("id"))...)
	w.WriteHeader(http.StatusNoContent)
}

// handleListDeliveries answers GET /v1/notifications/deliveries[?status=failed]
// with the firm's newest deliveries (at most 200).
func (s *Server) handleListDeliveries(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r, "status") {
		return
	}
	prof, err := p.Profile(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	status := store.DeliveryStatus(r.URL.Query().Get("status"))
	switch status {
	case "", store.DeliveryPending, store.DeliveryDelivered, store.DeliveryFailed:
	default:
		s.writeProblem(w, r, service.FieldError("status", msgDeliveryStatus))
		return
	}
	ds, err := s.st.Deliveries(r.Context(), prof.SICCode, status, 200)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	out := api.DeliveryList{Deliveries: make([]api.Delivery, 0, len(ds))}
	for _, d := range ds {
		out.Deliveries = append(out.Deliveries, api.FromDelivery(d, nil))
	}
	writeJSON(w, http.StatusOK, out)
}

// handleGetDelivery answers GET /v1/notifications/deliveries/{id} with the
// delivery and every attempt.
func (s *Server) handleGetDelivery(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, attempts, err := s.st.Delivery(r.Context(), prof.SICCode, id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromDelivery(d, attempts))
}

// handleRetryDelivery answers POST /v1/notifications/deliveries/{id}/retry: a
// failed delivery made pending again, attempted within NotifyInterval.
func (s *Server) handleRetryDelivery(w http.ResponseWriter, r *http.Request, p service.Portal) {
	prof, ok := s.notifyProfile(w, r, p)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, err := s.st.RetryDelivery(r.Context(), prof.SICCode, id, s.now())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("delivery retried", append(logAttrs(r), "firm", prof.SICCode, "delivery", id)...)
	writeJSON(w, http.StatusOK, api.FromDelivery(d, nil))
}

// notifyProfile refuses an unknown query parameter and returns the administrator's
// profile.
func (s *Server) notifyProfile(w http.ResponseWriter, r *http.Request, p service.Portal) (service.Profile, bool) {
	if !s.queryKnown(w, r) {
		return service.Profile{}, false
	}
	prof, err := p.Profile(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return service.Profile{}, false
	}
	return prof, true
}

// smtpPasswordSet reports whether stored settings hold a password (sealed empty
// when there is none).
func (s *Server) smtpPasswordSet(c store.SMTPSettings) bool {
	pw, err := s.cfg.MasterKey.Open(store.SMTPPasswordLabel(c.Firm), c.Password)
	return err == nil && len(pw) > 0
}

func smtpInput(req api.SMTPSettings) notify.SMTPInput {
	return notify.SMTPInput{Host: req.Host, Port: req.Port, StartTLS: req.StartTLS, User: req.User, Password: req.Password, From: req.From}
}

// msgDeliveryStatus: the status criterion is not one of a delivery's.
const msgDeliveryStatus = "notify.delivery_status_invalid"
