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
// its expiry and Générer. It generates the key for the tiers and service the table
// shows (setTarget) and hands the new key to onGenerated, which shows its
// credentials once.
type generateForm struct {
	backend     *backend
	run         *runner
	busy        func(bool) // the page's progress and disabled actions
	onGenerated func(gk service.GeneratedKey, tiers, svc string)
	tiers, svc  string // what a new key is for

	target     *widget.RichText // names the tiers and service a new key is for
	newName    *widgets.Entry
	newNameErr *widget.Label
	expiry     *expiryField
	generate   *widgets.Button
	content    fyne.CanvasObject
}

func newGenerateForm(b *backend, r *runner, busy func(bool), onGenerated func(gk service.GeneratedKey, tiers, svc string)) *generateForm {
	g := &generateForm{backend: b, run: r, busy: busy, onGenerated: onGenerated,
		newName: widgets.NewEntry(), newNameErr: widgets.FieldError()}
	g.newName.SetPlaceHolder(lang.L("ui.ex_paie_silae"))
	g.newName.OnSubmitted = func(string) { g.onGenerate() }
	g.newName.OnChanged = func(string) { setFieldError(g.newNameErr, nil) }
	g.generate = widgets.NewButton(lang.L("ui.generer"), theme.ContentAddIcon(), g.onGenerate)
	g.generate.Importance = widget.HighImportance
	g.target = widget.NewRichText()
	g.target.Wrapping = fyne.TextWrapWord
	g.expiry = newExpiryField(b.profile.KeyPolicy)
	newKeyRow := container.NewBorder(nil, nil, nil, container.NewHBox(g.expiry.box, g.generate), g.newName)
	g.content = container.NewVBox(g.target, newKeyRow, g.newNameErr)
	return g
}

// setTarget makes new keys for tiers and svc, which read as label.
func (g *generateForm) setTarget(tiers, svc, label string) {
	g.tiers, g.svc = tiers, svc
	g.target.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: lang.L("ui.entrer_nom_nouvelle_cle"), Style: widget.RichTextStyleStrong},
		&widget.TextSegment{Text: " — " + label, Style: widget.RichTextStyleInline},
	}
	g.target.Refresh()
}

// onGenerate checks the new key's name, generates the key, then hands it on. On
// error the message goes next to the field and what the user typed stays.
func (g *generateForm) onGenerate() {
	name := g.newName.Text
	if err := service.ValidateKeyName(name); err != nil {
		setFieldError(g.newNameErr, err)
		return
	}
	exp, err := g.expiry.expiry()
	if err != nil {
		setFieldError(g.newNameErr, err)
		return
	}
	req := service.GenerateRequest{Tiers: g.tiers, Service: g.svc, Name: service.NormalizeKeyName(name), Expiry: exp}
	var gk service.GeneratedKey
	g.run.run("generate key", g.busy, func(ctx context.Context) error {
		var err error
		gk, err = g.backend.portal.Generate(ctx, req)
		return err
	}, func(err error) {
		defer func() { gk = service.GeneratedKey{} }() // forget the credentials here
		switch code := service.ErrorCode(err); {
		case err == nil:
			g.newName.SetText("")
			setFieldError(g.newNameErr, nil)
			g.onGenerated(gk, req.Tiers, req.Service)
		case service.ErrorMessage(err) == service.MsgExpiryTooFar && g.backend.profile.KeyPolicy.MaxLifetimeDays > 0:
			logError("generate key", err)
			maxDays := g.backend.profile.KeyPolicy.MaxLifetimeDays
			widgets.ShowFieldText(g.newNameErr, lang.L("ui.cabinet_limite_duree_vie_cles",
				map[string]any{"N": maxDays, "Date": keytext.LastExpiryDay(clock(), maxDays).Format(localdate.Current().DateLayout())}))
		case code == service.EINVALID || code == service.ECONFLICT:
			logError("generate key", err)
			setFieldError(g.newNameErr, err)
		default:
			g.run.fail("generate key", err)
		}
	})
}
