package gui

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// moveDialog is the rest of « Passer au serveur du cabinet », once signed in to the
// server: a copy of this computer's file is sent for a dry run, whose counts are
// shown; « Déplacer » sends it again for the move, with its progress; after it, the
// local file is kept read-only with a note (service.LocalFile.MarkMoved) and the app
// stays on the server. « Rester sur Ce poste » goes back to local mode.
type moveDialog struct {
	run      *runner
	portal   service.FileImporter
	file     service.LocalFile
	server   string
	firm     string // the firm signed in to, as the profile names it
	snapshot string // the copy sent, made once for the dry run and the move

	status   *widget.Label
	counts   *widget.Label
	errText  *widget.Label
	progress *widget.ProgressBar
	bar      *widgets.Activity
	stay     *widgets.Button
	move     *widgets.Button
	dlg      *widgets.Dialog
	ready    bool // the dry run found nothing in the way
	moving   bool
	moved    func(service.MovedNote) // the move is done and the file marked
	cancel   func()                  // back to « Ce poste »
}

// newMoveDialog builds the dialog over w; call start.
func newMoveDialog(w fyne.Window, r *runner, p service.FileImporter, file service.LocalFile, server, firm string,
	moved func(service.MovedNote), cancel func()) *moveDialog {
	m := &moveDialog{run: r, portal: p, file: file, server: server, firm: firm, moved: moved, cancel: cancel,
		status: widgets.Wrapped(""), counts: widgets.Wrapped(""), errText: widgets.FieldError(),
		progress: widget.NewProgressBar(), bar: widgets.NewActivity()}
	m.progress.Hide()
	m.counts.Hide() // until a dry run has counted
	m.stay = widgets.NewButton(lang.L("ui.move_rester"), nil, m.onStay)
	m.move = widgets.NewButton(lang.L("ui.move_deplacer"), nil, m.onMove)
	m.move.Importance = widget.HighImportance
	m.move.Disable()
	content := container.NewVBox(
		widgets.Wrapped(lang.L("ui.move_signed_in", map[string]any{"Server": server, "Firm": firm})),
		m.status, m.counts, m.errText, m.progress, m.bar.Object(),
	)
	m.dlg = widgets.NewDialog(w, lang.L("ui.move_title"), content, []*widgets.Button{m.stay, m.move}, m.onEnter, m.onStay)
	m.dlg.Width = 600
	return m
}

// start shows the dialog and runs the dry run.
func (m *moveDialog) start() {
	m.dlg.Show()
	m.status.SetText(lang.L("ui.move_essai_en_cours"))
	var n service.ImportCounts
	m.run.run("move dry run", m.busy, func(ctx context.Context) error {
		if err := m.makeSnapshot(ctx); err != nil {
			return err
		}
		var err error
		n, err = m.portal.ImportFile(ctx, m.snapshot, true, nil)
		return err
	}, m.dryRunDone(&n))
}

// makeSnapshot writes the copy of this computer's file that is sent, once.
func (m *moveDialog) makeSnapshot(ctx context.Context) error {
	if m.snapshot != "" {
		return nil
	}
	dir, err := os.MkdirTemp("", "sesame-move-")
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	path := filepath.Join(dir, "sesame.db")
	if err := m.file.Snapshot(ctx, path); err != nil {
		_ = os.RemoveAll(dir)
		return err
	}
	m.snapshot = path
	return nil
}

// dryRunDone shows the dry run's counts, and enables « Déplacer » unless
// identifiers are in the way.
func (m *moveDialog) dryRunDone(n *service.ImportCounts) func(error) {
	return func(err error) {
		if err != nil {
			logError("move dry run", err)
			m.status.SetText(lang.L("ui.move_essai_echec"))
			setFieldError(m.errText, err)
			m.fit()
			return
		}
		switch {
		case n.Conflicts > 0:
			m.status.SetText(lang.N("ui.move_conflits", int(n.Conflicts), map[string]any{"Count": n.Conflicts, "List": n.ConflictList}))
		case n.Already:
			m.status.SetText(lang.L("ui.move_deja"))
			m.ready = true
		default:
			m.status.SetText(lang.L("ui.move_essai_fait"))
			m.counts.SetText(countsText(*n))
			m.counts.Show()
			m.ready = true
		}
		if m.ready {
			m.move.Enable()
		}
		m.fit()
	}
}

// countsText is what a dry run or a move counted, in a sentence.
func countsText(n service.ImportCounts) string {
	count := func(code string, n int64) string { return lang.N(code, int(n), map[string]any{"N": n}) }
	return lang.L("ui.move_counts", map[string]any{"Keys": count("ui.move_n_cles", n.Keys),
		"Events": count("ui.move_n_evenements", n.Events), "Tiers": n.Tiers,
		"Services": count("ui.move_n_services", n.Services), "Policies": count("ui.move_n_politiques", n.Policies)})
}

// onEnter moves when the dry run allowed it; else Enter does nothing.
func (m *moveDialog) onEnter() {
	if !m.move.Disabled() {
		m.onMove()
	}
}

// onMove sends the copy again for the move, showing the upload's progress, then
// marks the local file as moved.
func (m *moveDialog) onMove() {
	if !m.ready || m.moving {
		return
	}
	m.moving = true
	setFieldError(m.errText, nil)
	m.status.SetText(lang.L("ui.move_envoi"))
	m.progress.SetValue(0)
	m.progress.Show()
	var note service.MovedNote
	progress := func(sent, total int64) {
		if total > 0 {
			v := float64(sent) / float64(total)
			m.run.do(func() {
				m.progress.SetValue(v)
				if sent >= total {
					m.status.SetText(lang.L("ui.move_import_serveur"))
				}
			})
		}
	}
	m.run.run("move", m.busy, func(ctx context.Context) error {
		n, err := m.portal.ImportFile(ctx, m.snapshot, false, progress)
		if err != nil {
			return err
		}
		note, err = m.file.MarkMoved(service.MovedNote{Server: m.server, At: time.Now(), Keys: n.Keys, Head: n.Head})
		return err
	}, func(err error) {
		m.moving = false
		if err != nil {
			logError("move", err)
			m.progress.Hide()
			m.status.SetText(lang.L("ui.move_echec"))
			setFieldError(m.errText, err)
			m.fit()
			return
		}
		m.removeSnapshot()
		m.dlg.Hide()
		m.moved(note)
	})
}

// onStay goes back to « Ce poste » (nothing was moved), unless the move is under way.
func (m *moveDialog) onStay() {
	if m.moving {
		return
	}
	m.removeSnapshot()
	m.dlg.Hide()
	m.cancel()
}

// removeSnapshot deletes the copy sent.
func (m *moveDialog) removeSnapshot() {
	if m.snapshot != "" {
		_ = os.RemoveAll(filepath.Dir(m.snapshot))
		m.snapshot = ""
	}
}

func (m *moveDialog) busy(on bool) {
	if on {
		m.bar.Start()
		m.move.Disable()
		m.stay.Disable()
		return
	}
	m.bar.Stop()
	m.stay.Enable()
	if m.ready && !m.moving {
		m.move.Enable()
	}
}

// fit lays the dialog out again once its sentences changed.
func (m *moveDialog) fit() {
	if m.dlg != nil {
		m.dlg.Show()
	}
}

// moveAfterSignIn opens the move's dialog if a move waits for this sign-in; it
// reports whether it did.
func (u *ui) moveAfterSignIn() bool {
	prefs := u.app.Preferences()
	if !prefs.Bool(prefMovePending) {
		return false
	}
	fi, ok := u.backend.portal.(service.FileImporter)
	if !ok || u.backends.Local == nil {
		prefs.SetBool(prefMovePending, false)
		return false
	}
	prof := u.backend.profile
	firm := prof.SICCode
	if len(prof.Tiers) > 0 {
		firm = prof.Tiers[0].Label()
	}
	u.move = newMoveDialog(u.win, u.run, fi, u.backends.Local, prefs.String(prefServerURL), firm, u.moveDone, u.moveCancelled)
	u.move.start()
	return true
}

// moveDone says where the keys went, and shows the server's profile again (its keys
// now include the moved ones).
func (u *ui) moveDone(note service.MovedNote) {
	u.app.Preferences().SetBool(prefMovePending, false)
	u.move = nil
	u.catalogueScreen, u.keysScreen = nil, nil
	u.showProfile()
	widgets.NewMessageDialogWith(u.win, lang.L("ui.move_title"), movedNote(note), lang.L("ui.ok")).Show()
}

// moveCancelled goes back to « Ce poste », where nothing changed.
func (u *ui) moveCancelled() {
	prefs := u.app.Preferences()
	prefs.SetBool(prefMovePending, false)
	prefs.SetString(prefMode, modeLocal)
	u.move = nil
	u.start()
}
