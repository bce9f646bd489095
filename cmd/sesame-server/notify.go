package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/masterkey"
	"sesame/service/msg"
	"sesame/service/notify"
	"sesame/service/store"
)

// The synopses of the notify commands (issue 18 item 3).
const (
	notifySMTPSetSynopsis         msg.Code = "cli.notify_smtp_set_synopsis"
	notifySMTPTestSynopsis        msg.Code = "cli.notify_smtp_test_synopsis"
	notifyWebhookAddSynopsis      msg.Code = "cli.notify_webhook_add_synopsis"
	notifyWebhookListSynopsis     msg.Code = "cli.notify_webhook_list_synopsis"
	notifyWebhookRemoveSynopsis   msg.Code = "cli.notify_webhook_remove_synopsis"
	notifyDeliveriesListSynopsis  msg.Code = "cli.notify_deliveries_list_synopsis"
	notifyDeliveriesRetrySynopsis msg.Code = "cli.notify_deliveries_retry_synopsis"
)

// notifyEnv is what every notify command opens: the store, the firm, and a
// notifier whose secrets the master key seals and opens (nil key: reads only).
type notifyEnv struct {
	st   httpserver.Store
	firm string
	n    *notify.Notifier
}

// openNotify opens the database and the firm (the only one when code is ""), and
// loads the master key when mkFile or SESAME_MASTER_KEY_FILE names one and
// needKey is set.
func openNotify(ctx context.Context, db, code, mkFile string, needKey bool) (*notifyEnv, error) {
	cfg := notify.Config{}
	if needKey {
		if mkFile == "" {
			mkFile = os.Getenv(masterkey.EnvFile)
		}
		mk, err := serveMasterKey(mkFile)
		if err != nil {
			return nil, err
		}
		cfg.Open, cfg.Seal = mk.Open, mk.Seal
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, err
	}
	firm, err := pickFirm(ctx, st, code)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	cfg.Store = st
	return &notifyEnv{st: st, firm: firm, n: notify.New(cfg)}, nil
}

// pickFirm returns the firm code given, or the only firm when none is.
func pickFirm(ctx context.Context, st store.Store, code string) (string, error) {
	all, err := st.Tiers(ctx)
	if err != nil {
		return "", err
	}
	var firms []string
	for _, t := range all {
		if t.AttachedTo == "" {
			firms = append(firms, t.Code)
		}
	}
	code = strings.TrimSpace(code)
	if code == "" {
		if len(firms) == 1 {
			return firms[0], nil
		}
		return "", usagef(msg.T("cli.precisez_cabinet_avec_firm_cabinets", nil), strings.Join(firms, ", "))
	}
	for _, f := range firms {
		if f == code {
			return code, nil
		}
	}
	return "", service.Errorf(service.ENOTFOUND, "cli.cabinet_existe", nil)
}

// notifySMTPSetCmd sets the firm's SMTP server; the password is read from standard
// input (never the command line), and sealed by the master key.
func notifySMTPSetCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify smtp set")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.fichier_cle_maitresse_master_key", nil))
	host := fs.String("host", "", msg.T("cli.notify_host_flag", nil))
	port := fs.Int("port", 587, msg.T("cli.notify_port_flag", nil))
	startTLS := fs.Bool("starttls", true, msg.T("cli.notify_starttls_flag", nil))
	user := fs.String("user", "", msg.T("cli.notify_user_flag", nil))
	from := fs.String("from", "", msg.T("cli.notify_from_flag", nil))
	if err := parseOptions(fs, c, msg.T(notifySMTPSetSynopsis, nil), args, "db", "host", "from"); err != nil {
		return err
	}
	e, err := openNotify(ctx, *db, *firm, *mkFile, true)
	if err != nil {
		return err
	}
	defer e.st.Close()
	password := ""
	if *user != "" {
		if password, err = readSecretLine(c, msg.T("cli.notify_smtp_password_prompt", nil)); err != nil {
			return err
		}
	}
	set, err := e.n.SetSMTP(ctx, e.firm, msg.T(policyActor, nil), notify.SMTPInput{
		Host: *host, Port: *port, StartTLS: *startTLS, User: *user, Password: password, From: *from})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.notify_smtp_set", nil)+"\n", e.firm, set.Host, set.Port)
	return nil
}

// notifySMTPTestCmd sends a test e-mail now and prints the SMTP server's reply.
func notifySMTPTestCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify smtp test")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.fichier_cle_maitresse_master_key", nil))
	to := fs.String("to", "", msg.T("cli.notify_to_flag", nil))
	lang := fs.String("lang", "fr", msg.T("cli.notify_lang_flag", nil))
	if err := parseOptions(fs, c, msg.T(notifySMTPTestSynopsis, nil), args, "db", "to"); err != nil {
		return err
	}
	e, err := openNotify(ctx, *db, *firm, *mkFile, true)
	if err != nil {
		return err
	}
	defer e.st.Close()
	reply, err := e.n.TestSMTP(ctx, e.firm, *to, *lang)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.notify_smtp_tested", nil)+"\n", *to, reply)
	return nil
}

// notifyWebhookAddCmd adds a webhook and prints its signing secret, this once.
func notifyWebhookAddCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify webhook add")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.fichier_cle_maitresse_master_key", nil))
	url := fs.String("url", "", msg.T("cli.notify_url_flag", nil))
	events := fs.String("events", "", msg.T("cli.notify_events_flag", nil))
	if err := parseOptions(fs, c, msg.T(notifyWebhookAddSynopsis, nil), args, "db", "url"); err != nil {
		return err
	}
	e, err := openNotify(ctx, *db, *firm, *mkFile, true)
	if err != nil {
		return err
	}
	defer e.st.Close()
	var kinds []service.NotifyKind
	for k := range strings.SplitSeq(*events, ",") {
		if k = strings.TrimSpace(k); k != "" {
			kinds = append(kinds, service.NotifyKind(k))
		}
	}
	w, secret, err := e.n.AddWebhook(ctx, e.firm, msg.T(policyActor, nil), *url, kinds)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.notify_webhook_added", nil)+"\n", w.ID, w.URL, secret)
	return nil
}

// notifyWebhookListCmd lists the firm's webhooks, without their secrets.
func notifyWebhookListCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify webhook list")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	if err := parseOptions(fs, c, msg.T(notifyWebhookListSynopsis, nil), args, "db"); err != nil {
		return err
	}
	e, err := openNotify(ctx, *db, *firm, "", false)
	if err != nil {
		return err
	}
	defer e.st.Close()
	ws, err := e.st.Webhooks(ctx, e.firm)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, msg.T("cli.notify_webhook_columns", nil))
	for _, w := range ws {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", w.ID, w.URL, service.JoinKinds(w.Kinds), w.CreatedAt.Local().Format("02/01/2006 15:04"))
	}
	return tw.Flush()
}

// notifyWebhookRemoveCmd removes one of the firm's webhooks.
func notifyWebhookRemoveCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify webhook remove")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	rest, err := parse(fs, c, msg.T(notifyWebhookRemoveSynopsis, nil), args)
	if err != nil {
		return err
	}
	if *db == "" {
		return required(fs, "db")
	}
	if len(rest) != 1 {
		return usagef("%s", msg.T("cli.notify_one_id", nil))
	}
	e, err := openNotify(ctx, *db, *firm, "", false)
	if err != nil {
		return err
	}
	defer e.st.Close()
	if err := e.st.RemoveWebhook(ctx, e.firm, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.notify_webhook_removed", nil)+"\n", rest[0])
	return nil
}

// notifyDeliveriesListCmd lists the firm's newest deliveries, the failed ones with
// --failed.
func notifyDeliveriesListCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify deliveries list")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	failed := fs.Bool("failed", false, msg.T("cli.notify_failed_flag", nil))
	if err := parseOptions(fs, c, msg.T(notifyDeliveriesListSynopsis, nil), args, "db"); err != nil {
		return err
	}
	e, err := openNotify(ctx, *db, *firm, "", false)
	if err != nil {
		return err
	}
	defer e.st.Close()
	status := store.DeliveryStatus("")
	if *failed {
		status = store.DeliveryFailed
	}
	ds, err := e.st.Deliveries(ctx, e.firm, status, 200)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		fmt.Fprintln(c.stdout, msg.T("cli.notify_no_delivery", nil))
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, msg.T("cli.notify_delivery_columns", nil))
	for _, d := range ds {
		last := ""
		if !d.LastAt.IsZero() {
			last = d.LastAt.Local().Format("02/01/2006 15:04")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Kind, d.Channel, d.Target, d.Status, d.Attempts, last, oneLine(d.LastResult))
	}
	return tw.Flush()
}

// notifyDeliveriesRetryCmd makes a failed delivery pending again: the server
// attempts it at its next round.
func notifyDeliveriesRetryCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("notify deliveries retry")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	rest, err := parse(fs, c, msg.T(notifyDeliveriesRetrySynopsis, nil), args)
	if err != nil {
		return err
	}
	if *db == "" {
		return required(fs, "db")
	}
	id, err := strconv.ParseInt(strings.Join(rest, ""), 10, 64)
	if len(rest) != 1 || err != nil {
		return usagef("%s", msg.T("cli.notify_one_id", nil))
	}
	e, err := openNotify(ctx, *db, *firm, "", false)
	if err != nil {
		return err
	}
	defer e.st.Close()
	if _, err := e.st.RetryDelivery(ctx, e.firm, id, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.notify_delivery_retried", nil)+"\n", id)
	return nil
}

// readSecretLine reads a secret: with no echo when standard input is a terminal,
// else its first line. Never from the command line.
func readSecretLine(c cmdIO, prompt string) (string, error) {
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf(msg.T("cli.lecture_mot_passe", nil), err)
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(io.LimitReader(c.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf(msg.T("cli.lecture_mot_passe", nil), err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
