package gui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/scan"
)

// scanDialog is « Rechercher des secrets exposés » : the folders to look into, the
// scan with its progress and Annuler, and the secrets found as they come, each with
// the key it opens (matched by digest through the Portal) and, for an active key,
// Suspendre, Renouveler le secret and Révoquer (scanactions.go). Enter starts the
// scan, Escape closes (and cancels it).
type scanDialog struct {
	win     fyne.Window
	backend *backend
	run     *runner
	guard   *clipboardGuard
	files   *files // the folder choice
	dlg     *widgets.Dialog

	folders     []string
	folderList  *widget.Label
	add         *widgets.Button
	start       *widgets.Button
	cancelBtn   *widgets.Button
	closeBtn    *widgets.Button
	progress    *widget.ProgressBar
	progressRow *fyne.Container // the bar and Annuler
	status      *widget.Label
	rowsBox     *fyne.Container
	rows        []*scanRow
	stop        context.CancelFunc // cancels the scan under way; nil when none
	confirm     *widgets.Dialog    // a confirmation of an action, while shown
	credentials *credentialsDialog // the renewed key's new secret, while shown
}

// showScan opens « Rechercher des secrets exposés ».
func (u *ui) showScan() {
	d := &scanDialog{win: u.win, backend: u.backend, run: u.run, guard: u.guard, files: u.files,
		folderList: widgets.Wrapped(lang.L("ui.scan_aucun_dossier")), progress: widget.NewProgressBar(),
		status: widgets.Wrapped(""), rowsBox: container.NewVBox()}
	d.add = widgets.NewButton(lang.L("ui.scan_ajouter_dossier"), theme.FolderOpenIcon(), d.onAddFolder)
	d.start = widgets.NewButton(lang.L("ui.scan_rechercher"), theme.SearchIcon(), d.onStart)
	d.start.Importance = widget.HighImportance
	d.cancelBtn = widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), d.onCancel)
	d.cancelBtn.Hide()
	d.closeBtn = widgets.NewButton(lang.L("ui.fermer"), nil, d.onClose)
	// The findings scroll in an area of their own: the dialog keeps its size and
	// place however many come.
	d.progressRow = container.NewBorder(nil, nil, nil, d.cancelBtn, d.progress)
	results := container.NewVScroll(d.rowsBox)
	results.SetMinSize(fyne.NewSize(0, 300))
	content := container.NewVBox(
		widgets.Wrapped(lang.L("ui.scan_intro")),
		container.NewBorder(nil, nil, nil, d.add, d.folderList),
		d.progressRow,
		d.status,
		results,
	)
	d.dlg = widgets.NewDialog(u.win, lang.L("ui.scan_titre"), content, []*widgets.Button{d.closeBtn, d.start}, d.onStart, d.onClose)
	d.dlg.Width = 860
	u.scan = d
	d.dlg.Show()
}

// onAddFolder lets the user choose a folder to add (a shared drive's too).
func (d *scanDialog) onAddFolder() {
	d.files.askFolder(lang.L("files.choose_scan_folder"), d.addFolder)
}

// addFolder adds a folder to look into, once.
func (d *scanDialog) addFolder(path string) {
	for _, f := range d.folders {
		if f == path {
			return
		}
	}
	d.folders = append(d.folders, path)
	d.folderList.SetText(strings.Join(d.folders, "\n"))
	d.dlg.Show() // grown by a line: fitted again
}

// onStart scans the folders chosen, unless a scan is under way; the secrets found
// appear as they come, matched with their keys.
func (d *scanDialog) onStart() {
	if d.stop != nil || d.start.Disabled() {
		return
	}
	if len(d.folders) == 0 {
		d.showStatus(lang.L("ui.scan_aucun_dossier"))
		return
	}
	for _, r := range d.rows {
		d.rowsBox.Remove(r.box)
	}
	d.rows = nil
	folders := append([]string(nil), d.folders...)
	portal := d.backend.portal
	ctx, stop := context.WithCancel(d.backend.ctx)
	d.stop = stop
	var rep scan.Report
	d.run.run("scan folders", d.busy, func(context.Context) error {
		var err error
		rep, err = d.scan(ctx, portal, folders)
		return err
	}, func(err error) {
		canceled := errors.Is(err, context.Canceled)
		d.stop = nil
		stop()
		if err != nil && !canceled {
			d.run.fail("scan folders", err)
		}
		d.showStatus(scanSummary(rep, canceled))
		d.dlg.Refit() // the summary may take two lines
	})
}

// scan runs off the UI goroutine: it looks up each new secret's digest as it is
// found and shows it with its key; progress is shown a few times a second.
func (d *scanDialog) scan(ctx context.Context, portal service.Portal, folders []string) (scan.Report, error) {
	var mu sync.Mutex
	var lookupErr error
	known := map[[32]byte]service.SecretMatch{}
	var shown time.Time
	h := scan.Handler{
		Found: func(f scan.Finding) {
			mu.Lock()
			defer mu.Unlock()
			m, ok := known[f.Digest]
			if !ok {
				ms, err := portal.LookupDigests(ctx, [][]byte{f.Digest[:]})
				if err != nil {
					if lookupErr == nil {
						lookupErr = err
					}
					return
				}
				m = ms[0]
				known[f.Digest] = m
			}
			d.run.do(func() { d.addRow(f, m) })
		},
		Progress: func(p scan.Progress) {
			if now := time.Now(); now.Sub(shown) >= 100*time.Millisecond || p.FilesDone == p.FilesTotal {
				shown = now
				d.run.do(func() { d.showProgress(p) })
			}
		},
	}
	rep, err := scan.Run(ctx, folders, scan.Options{}, h)
	if err == nil {
		err = lookupErr
	}
	return rep, err
}

// showProgress moves the bar: the bytes read over the bytes found by the walk.
func (d *scanDialog) showProgress(p scan.Progress) {
	if p.BytesTotal > 0 {
		d.progress.SetValue(float64(p.BytesDone) / float64(p.BytesTotal))
	} else if p.FilesTotal > 0 {
		d.progress.SetValue(float64(p.FilesDone) / float64(p.FilesTotal))
	}
	d.showStatus(lang.N("ui.scan_en_cours", int(p.FilesTotal), map[string]any{"Done": p.FilesDone, "Total": p.FilesTotal}))
}

// showStatus says where the scan is, or how it ended.
func (d *scanDialog) showStatus(text string) { d.status.SetText(text) }

// scanSummary is how a scan ended: files read, secrets found, and skips by cause.
func scanSummary(rep scan.Report, canceled bool) string {
	code := "ui.scan_termine"
	if canceled {
		code = "ui.scan_annule"
	}
	text := lang.L(code, map[string]any{
		"Files": lang.N("ui.scan_fichiers_lus", int(rep.Files), map[string]any{"N": rep.Files}),
		"Found": lang.N("ui.scan_secrets_trouves", int(rep.Findings), map[string]any{"N": rep.Findings}),
	})
	var parts []string
	for _, cause := range scan.SkipCauses {
		if n := rep.Skipped[cause]; n > 0 {
			parts = append(parts, lang.L(string(cause.Message()), map[string]any{"N": n}))
		}
	}
	if len(parts) > 0 {
		text += " " + lang.L("ui.scan_ignores", map[string]any{"List": strings.Join(parts, ", ")})
	}
	return text
}

// busy shows Annuler beside the bar while a scan runs, and disables what would start another.
func (d *scanDialog) busy(on bool) {
	if on {
		d.progress.SetValue(0)
		d.cancelBtn.Show()
		d.start.Disable()
		d.add.Disable()
	} else {
		d.cancelBtn.Hide()
		d.start.Enable()
		d.add.Enable()
	}
	d.progressRow.Refresh()
}

// onCancel stops the scan under way; what was found stays listed.
func (d *scanDialog) onCancel() {
	if d.stop != nil {
		d.stop()
	}
}

// onClose cancels any scan and closes the dialog.
func (d *scanDialog) onClose() {
	d.onCancel()
	d.dlg.Hide()
}
