// Package notify tells a firm's administrators outside the app (issue 18 item 3): it
// turns the journal's events, keys nearing expiry and the journal's seals into
// notifications, enqueues one delivery per recipient (once, however many replicas
// look), and delivers them by e-mail through the firm's SMTP server (go-mail) and by
// signed webhooks, retrying with backoff for more than a day before a delivery is
// marked failed. It runs on the server only.
package notify
