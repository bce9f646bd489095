package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
)

// generateForm is the bottom of the keys page: "Entrer le nom d'une nouvelle clé",
// its kind (« Clé du cabinet » or « Clé partenaire »), its expiry, Générer, and a
// collapsible « Restrictions » section (addresses, read-only, rate). It
// generates the key for the tiers and service the table shows (setTarget), after
// asking who receives a partner key (partner.go), and hands the new key to
// onGenerated, which shows its credentials once.
type generateForm struct {
	win         fyne.Window
	backend     *backend
	run         *runner
	busy        func(bool) // the page's progress and disabled actions
	onGenerated func(gk service.GeneratedKey, tiers, svc string)
	tiers, svc  string // what a new key is for

	target      *widgets.LeadLine // names the tiers and service a new key is for
	kind        *widget.RadioGroup
	newName     *widgets.Entry
	newNameErr  *widget.Label
	expiry      *expiryField
	generate    *widgets.Button
	restrict    *restrictFields // the collapsible « Restrictions » section
	restrictBtn *widgets.Button // unfolds and folds it, beside the kind
	restrictBox *fyne.Container // the section, hidden while folded
	content     fyne.CanvasObject

	partner     *partnerDialog  // who receives a partner key, while asked
	lastPartner service.Partner // what was typed in the partner dialog before it was closed
}

func newGenerateForm(w fyne.Window, b *backend, r *runner, busy func(bool), onGenerated func(gk service.GeneratedKey, tiers, svc string)) *generateForm {
	g := &generateForm{win: w, backend: b, run: r, busy: busy, onGenerated: onGenerated,
		newName: widgets.NewEntry(), newNameErr: widgets.FieldError()}
	g.newName.SetPlaceHolder(lang.L("ui.ex_paie_silae"))
	g.newName.OnSubmitted = func(string) { g.onGenerate() }
	g.newName.OnChanged = func(string) { g.setError(nil) }
	g.generate = widgets.NewButton(lang.L("ui.generer"), theme.ContentAddIcon(), g.onGenerate)
	g.generate.Importance = widget.HighImportance
	// One line beside the kind's choice, so that the table keeps its rows in a small
	// window; the criteria's summary and the window's title name them whole.
	g.target = widgets.NewLeadLine()
	g.kind = widget.NewRadioGroup([]string{lang.L("ui.cle_du_cabinet"), lang.L("ui.cle_partenaire")}, nil)
	g.kind.Horizontal = true
	g.kind.Required = true
	g.kind.SetSelected(lang.L("ui.cle_du_cabinet"))
	g.expiry = newExpiryField(g.policy())
	g.kind.OnChanged = func(string) { g.expiry.setPolicy(g.policy()) }
	newKeyRow := container.NewBorder(nil, nil, nil, container.NewHBox(g.expiry.box, g.generate), g.newName)
	g.restrict = newRestrictFields(service.RestrictionsInput{})
	g.restrict.onKeys(g.onGenerate, func() { g.foldRestrictions(true) })
	// Folded, the section takes no line of its own: the table keeps its rows in a
	// small window; its button shares the kind's line.
	g.restrictBtn = widgets.NewButton(lang.L("ui.restrictions"), theme.MenuExpandIcon(), func() { g.foldRestrictions(g.restrictBox.Visible()) })
	g.restrictBtn.Importance = widget.LowImportance
	g.restrictBox = container.NewVBox(g.restrict.form)
	g.restrictBox.Hide()
	// The name's or the expiry's error takes the place of the line that names the new
	// key, as a form's error takes its hint's: nothing moves when it appears, and the
	// table keeps its rows.
	above := container.NewStack(g.target, widgets.NewErrorLine(g.newNameErr))
	g.content = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(g.restrictBtn, g.kind), above),
		newKeyRow, g.restrictBox)
	return g
}

// setTarget makes new keys for tiers and svc, which read as label.
func (g *generateForm) setTarget(tiers, svc, label string) {
	g.tiers, g.svc = tiers, svc
	g.target.Set(lang.L("ui.entrer_nom_nouvelle_cle"), label)
}

// partnerKind reports whether « Clé partenaire » is chosen.
func (g *generateForm) partnerKind() bool { return g.kind.Selected == lang.L("ui.cle_partenaire") }

// policy is the firm's rule for the kind of key chosen.
func (g *generateForm) policy() service.KeyPolicy {
	if g.partnerKind() {
		return g.backend.profile.KeyPolicy.ForKind(service.KindPartner)
	}
	return g.backend.profile.KeyPolicy.ForKind(service.KindFirm)
}

// onGenerate checks the new key's name and expiry, asks who receives a partner key,
// then generates the key. On error the message goes next to the field and what the
// user typed stays.
func (g *generateForm) onGenerate() {
	name := g.newName.Text
	if err := service.ValidateKeyName(name); err != nil {
		g.setError(err)
		return
	}
	exp, err := g.expiry.expiry()
	if err != nil {
		g.setError(err)
		return
	}
	g.setError(nil)
	restr, err := g.restrict.input()
	if err != nil {
		g.openRestrictions()
		return
	}
	req := service.GenerateRequest{Tiers: g.tiers, Service: g.svc, Name: service.NormalizeKeyName(name), Expiry: exp,
		Restrictions: restr}
	if !g.partnerKind() {
		g.submit(req)
		return
	}
	g.partner = newPartnerDialog(g.win, req.Name, g.lastPartner, func(p service.Partner) {
		req.Kind, req.Partner = service.KindPartner, &p
		g.submit(req)
	}, func(typed service.Partner) {
		g.partner, g.lastPartner = nil, typed
	})
	g.partner.show()
}

// submit generates the key req asks for and hands it on; a refusal of the partner
// shows in the partner dialog, any other under the name field.
func (g *generateForm) submit(req service.GenerateRequest) {
	busy := g.busy
	if d := g.partner; d != nil {
		busy = func(on bool) { g.busy(on); d.busy(on) }
	}
	var gk service.GeneratedKey
	g.run.run("generate key", busy, func(ctx context.Context) error {
		var err error
		gk, err = g.backend.portal.Generate(ctx, req)
		return err
	}, func(err error) {
		defer func() { gk = service.GeneratedKey{} }() // forget the credentials here
		if g.partner != nil && err != nil && g.partner.showError(err) {
			logError("generate key", err)
			return
		}
		g.closePartner(err == nil)
		switch code := service.ErrorCode(err); {
		case err == nil:
			g.newName.SetText("")
			g.setError(nil)
			g.clearRestrictions()
			g.onGenerated(gk, req.Tiers, req.Service)
		case g.restrict.showError(err):
			logError("generate key", err)
			g.openRestrictions()
		case service.ErrorMessage(err) == service.MsgExpiryTooFar && g.policy().MaxLifetimeDays > 0:
			logError("generate key", err)
			maxDays := g.policy().MaxLifetimeDays
			g.showError(lang.L("ui.cabinet_limite_duree_vie_cles",
				map[string]any{"N": maxDays, "Date": keytext.LastExpiryDay(clock(), maxDays).Format(localdate.Current().DateLayout())}))
		case code == service.EINVALID || code == service.ECONFLICT:
			logError("generate key", err)
			g.setError(err)
		default:
			g.run.fail("generate key", err)
		}
	})
}

// closePartner closes the partner dialog, if open; what it holds is forgotten once
// the key is generated, and waits for the next partner key otherwise.
func (g *generateForm) closePartner(generated bool) {
	if g.partner == nil {
		return
	}
	g.lastPartner = g.partner.typed()
	if generated {
		g.lastPartner = service.Partner{}
	}
	g.partner.dlg.Hide()
	g.partner = nil
}

// openRestrictions opens the « Restrictions » section, to show what it holds or
// what was refused in it.
func (g *generateForm) openRestrictions() { g.foldRestrictions(false) }

// foldRestrictions folds (or unfolds) the « Restrictions » section.
func (g *generateForm) foldRestrictions(fold bool) {
	if fold {
		g.restrictBox.Hide()
		g.restrictBtn.SetIcon(theme.MenuExpandIcon())
	} else {
		g.restrictBox.Show()
		g.restrictBtn.SetIcon(theme.MenuDropUpIcon())
	}
	g.content.Refresh()
}

// clearRestrictions empties and folds the section once its key is generated.
func (g *generateForm) clearRestrictions() {
	g.foldRestrictions(true)
	g.restrict.addresses.SetText("")
	g.restrict.readOnly.SetChecked(false)
	g.restrict.rate.SetText("")
	g.restrict.showError(nil)
}

// setError shows err's sentence in place of the line that names the new key, or
// that line again for nil.
func (g *generateForm) setError(err error) {
	text := ""
	if err != nil {
		text = message(err)
	}
	g.showError(text)
}

// showError shows text in place of the line that names the new key, or that line
// again for "".
func (g *generateForm) showError(text string) {
	widgets.ShowFieldText(g.newNameErr, text)
	if text == "" {
		g.target.Show()
	} else {
		g.target.Hide()
	}
}
