package gui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// renewDialog asks how long the old secret keeps working, then renews the key: its
// new secret is shown once in the one-time dialog, like a new key's.
type renewDialog struct {
	dlg    *widgets.Dialog
	grace  *widget.RadioGroup
	key    service.Key
	graces []service.Grace // the choices offered
	def    service.Grace   // the one selected at first
}

// onRenew asks for the grace period of k's old secret, then renews it.
func (s *keysScreen) onRenew(k service.Key) {
	tracksUse := s.backend.session != nil
	graces, def := keytext.Graces(tracksUse)
	r := &renewDialog{key: k, graces: graces, def: def}
	labels := make([]string, len(graces))
	for i, g := range graces {
		labels[i] = keytext.GraceChoice(g)
	}
	r.grace = widget.NewRadioGroup(labels, nil)
	r.grace.Required = true
	r.grace.SetSelected(keytext.GraceChoice(def))
	intro := widgets.Wrapped(lang.L("ui.nouveau_secret_remplace_celui_cle",
		map[string]any{"Name": k.Name}))
	content := container.NewVBox(intro, r.grace)
	if !tracksUse {
		content.Add(widgets.Muted(lang.L("ui.mode_local_sesame_voit_usages")))
	}
	s.renewing = r
	r.dlg = widgets.NewConfirmDialog(s.win, lang.L("ui.renouveler_secret"), content,
		lang.L("ui.renouveler"), lang.L("ui.annuler"), widget.HighImportance, func(ok bool) {
			s.renewing = nil
			if ok {
				s.renew(k, r.chosen())
			}
		})
	r.dlg.Width = 560
	r.dlg.Show()
}

// chosen is the grace period selected.
func (r *renewDialog) chosen() service.Grace {
	for _, g := range r.graces {
		if keytext.GraceChoice(g) == r.grace.Selected {
			return g
		}
	}
	return r.def
}

// renew renews k with grace, from the version the table shows, and shows the new
// secret once.
func (s *keysScreen) renew(k service.Key, grace service.Grace) {
	req := service.RenewRequest{KeyID: k.ID, Grace: grace, Version: k.Version}
	var gk service.GeneratedKey
	s.run.run("renew key", s.busy, func(ctx context.Context) error {
		var err error
		gk, err = s.backend.portal.Renew(ctx, req)
		return err
	}, func(err error) {
		defer func() { gk = service.GeneratedKey{} }() // forget the credentials here
		if err != nil {
			s.run.fail("renew key", err)
			s.table.load(true)
			return
		}
		s.table.replace(gk.Key)
		s.credentials = showCredentialsDialog(s.win, s.guard, gk, s.tiersLabel(gk.Key.Tiers), s.serviceName(gk.Key.Service), s.onCredentialsClosed, s.handoverOffer())
	})
}

// onEndGrace asks for confirmation, then stops k's old secret at once.
func (s *keysScreen) onEndGrace(k service.Key) {
	msg := widgets.Wrapped(lang.L("ui.mettre_fin_periode_grace_cle", map[string]any{"Name": k.Name}))
	s.table.confirm = widgets.NewConfirmDialog(s.win, lang.L("ui.mettre_fin_periode_grace"), msg, lang.L("ui.mettre_fin"), lang.L("ui.annuler"), widget.DangerImportance, func(ok bool) {
		s.table.confirm = nil
		if !ok {
			return
		}
		var nk service.Key
		s.run.run("end grace", s.busy, func(ctx context.Context) error {
			var err error
			nk, err = s.backend.portal.EndGrace(ctx, k.ID)
			return err
		}, func(err error) {
			if err != nil {
				s.run.fail("end grace", err)
				s.table.load(true)
				return
			}
			s.table.replace(nk)
		})
	})
	s.table.confirm.Show()
}

// replace shows k in place of the row of the same key, if loaded.
func (t *keyTable) replace(k service.Key) {
	for i := range t.keys {
		if t.keys[i].ID == k.ID {
			t.keys[i] = k
		}
	}
	t.refresh(t.empty.Text)
}
