package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
)

// The certificate the administrator pinned: for which server, and its SHA-256
// fingerprint. A fingerprint is public (the server prints it), so preferences fit.
const (
	prefPinnedServer = "backend.pinnedServer" // normalised like prefServerURL
	prefPinnedCert   = "backend.pinnedSHA256" // service.Fingerprint format
)

// pinnedFor is the fingerprint pinned for server, "" if none.
func pinnedFor(prefs fyne.Preferences, server string) string {
	if prefs.String(prefPinnedServer) != server {
		return ""
	}
	fp, _ := service.NormalizeFingerprint(prefs.String(prefPinnedCert))
	return fp
}

// pin keeps the fingerprint trusted for server (one server at a time: the app works
// on one).
func pin(prefs fyne.Preferences, server, fp string) {
	prefs.SetString(prefPinnedServer, server)
	prefs.SetString(prefPinnedCert, fp)
}

// unpin forgets the pinned certificate.
func unpin(prefs fyne.Preferences) {
	prefs.RemoveValue(prefPinnedServer)
	prefs.RemoveValue(prefPinnedCert)
}

// fingerprintText shows a fingerprint on two lines of 16 pairs, easier to compare.
func fingerprintText(fp string) string {
	if len(fp) == 95 {
		return fp[:47] + "\n" + fp[48:]
	}
	return fp
}

// fingerprintLabel shows a fingerprint in a fixed-width font.
func fingerprintLabel(fp string) *widget.Label {
	l := widget.NewLabelWithStyle(fingerprintText(fp), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	return l
}

// certPanel is the part of the sign-in screen that shows what the administrator can
// do about a refused certificate or address: compare the certificate's fingerprint
// and trust it, or use the address the server (or its certificate) names.
type certPanel struct {
	win          fyne.Window
	onTrust      func(fp string)   // pins fp and starts again
	onUseAddress func(addr string) // switches to addr and starts again
	box          *fyne.Container
	presented    *widget.Label // the fingerprint of the certificate presented
	approved     *widget.Label // the one pinned before (a changed certificate)
	compare      *widget.Label
	trust        *widgets.Button // "Faire confiance à ce certificat…"
	useAddress   *widgets.Button // "Utiliser l'adresse …"
	confirm      *widgets.Dialog
	fp, addr     string
}

func newCertPanel(w fyne.Window, onTrust func(string), onUseAddress func(string)) *certPanel {
	c := &certPanel{win: w, onTrust: onTrust, onUseAddress: onUseAddress,
		presented: fingerprintLabel(""), approved: fingerprintLabel(""),
		compare: widgets.Wrapped(lang.L("ui.serveur_ecrit_empreinte_demarrage_cert"))}
	c.trust = widgets.NewButton(lang.L("ui.faire_confiance_certificat"), theme.ConfirmIcon(), c.onTrustTapped)
	c.useAddress = widgets.NewButton("", theme.NavigateNextIcon(), func() { c.onUseAddress(c.addr) })
	c.box = container.NewVBox()
	c.box.Hide()
	return c
}

// show explains err if it is about the certificate or the address; server is the
// address in use. Otherwise the panel hides.
func (c *certPanel) show(err error, server string) {
	c.box.RemoveAll()
	c.fp, c.addr = "", ""
	var ce *service.CertificateError
	var oa *service.OtherAddressError
	switch {
	case errors.As(err, &ce) && ce.Problem == service.CertChanged:
		c.presented.SetText(fingerprintText(ce.Fingerprint))
		c.approved.SetText(fingerprintText(ce.Pinned))
		c.box.Add(widgets.FieldTitle(lang.L("ui.empreinte_sha_256_approuvee")))
		c.box.Add(c.approved)
		c.box.Add(widgets.FieldTitle(lang.L("ui.empreinte_sha_256_presentee")))
		c.box.Add(c.presented)
	case errors.As(err, &ce) && ce.Problem == service.CertUnknownAuthority:
		c.fp = ce.Fingerprint
		c.presented.SetText(fingerprintText(ce.Fingerprint))
		c.box.Add(widgets.FieldTitle(lang.L("ui.empreinte_sha_256_certificat_presente")))
		c.box.Add(c.presented)
		c.box.Add(c.compare)
		c.box.Add(container.NewHBox(c.trust))
	case errors.As(err, &ce) && ce.Problem == service.CertWrongName:
		c.addr = ce.OtherAddress(server)
		if len(ce.Names) > 0 {
			c.box.Add(widgets.Wrapped(lang.L("ui.certificat_etabli_names", map[string]any{"Names": strings.Join(ce.Names, ", ")})))
		}
	case errors.As(err, &ce) && ce.Problem == service.CertExpired:
		c.box.Add(widgets.Wrapped(lang.L("ui.fin_validite_certificat_date", map[string]any{"Date": ce.NotAfter.Local().Format(localdate.Current().DateTimeLayout())})))
	case errors.As(err, &oa):
		c.addr = oa.Announced
	}
	if c.addr != "" {
		c.useAddress.SetText(lang.L("ui.utiliser_adresse_address", map[string]any{"Address": c.addr}))
		c.box.Add(container.NewHBox(c.useAddress))
	}
	c.trust.Hidden, c.useAddress.Hidden = c.fp == "", c.addr == ""
	c.box.Hidden = len(c.box.Objects) == 0
	widgets.Relayout(c.box)
}

// onTrustTapped asks for confirmation, with the fingerprint to compare, before
// pinning the certificate.
func (c *certPanel) onTrustTapped() {
	fp := c.fp
	content := container.NewVBox(
		widgets.Wrapped(lang.L("ui.confirmez_si_empreinte_exactement_celle")),
		fingerprintLabel(fp),
		widgets.Wrapped(lang.L("ui.confiance_ne_vaut_que_pour_sesame")))
	c.confirm = widgets.NewConfirmDialog(c.win, lang.L("ui.faire_confiance_certificat_serveur"), content,
		lang.L("ui.faire_confiance"), lang.L("ui.annuler"), widget.HighImportance, func(ok bool) {
			if ok {
				c.onTrust(fp)
			}
		})
	c.confirm.Show()
}

// newPinCard is the settings' card of the pinned certificate, nil when there is none;
// onRemove runs once it is removed.
func newPinCard(prefs fyne.Preferences, onRemove func()) fyne.CanvasObject {
	server, fp := prefs.String(prefPinnedServer), pinnedFor(prefs, prefs.String(prefPinnedServer))
	if fp == "" {
		return nil
	}
	remove := widgets.NewButton(lang.L("ui.retirer_certificat"), theme.DeleteIcon(), func() {
		unpin(prefs)
		onRemove()
	})
	return widget.NewCard("", lang.L("ui.certificat_serveur_approuve"), container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("ui.serveur"), widget.NewLabel(server))),
		fingerprintLabel(fp),
		widgets.Wrapped(lang.L("ui.sesame_accepte_certificat_serveur_lui")),
		container.NewHBox(remove)))
}

// trustCertificate pins fp for the server in use, once the administrator confirmed
// it, and starts again on it.
func (u *ui) trustCertificate(fp string) {
	if u.backend.session == nil {
		return
	}
	pin(u.app.Preferences(), u.backend.session.Server(), fp)
	u.start()
}

// useAnnouncedAddress makes addr the server's address and starts again on it.
func (u *ui) useAnnouncedAddress(addr string) {
	norm, err := service.NormalizeServerURL(addr)
	if err != nil {
		return
	}
	u.app.Preferences().SetString(prefServerURL, norm)
	u.start()
}
