package gui

import (
	"context"
	"errors"
	"os"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/safefile"
)

// journalExport is an export under way: Annuler stops it.
type journalExport struct {
	stop context.CancelFunc
}

// onExport asks where to save the journal's CSV, then exports the events the
// criteria select to it.
func (j *journalScreen) onExport() {
	name := "journal-sesame-" + time.Now().Format("20060102") + ".csv"
	j.files.askSave(lang.L("files.save_journal"), name, ".csv", j.exportTo)
}

// exportTo exports the events the criteria select to path: into a temporary file
// of the same folder, renamed to path once whole, so that nothing partial ever bears
// the chosen name. A progress bar and Annuler show while it runs; after Annuler or a
// failure, no file is left (and when created is true, the empty file the save dialog
// made is removed too).
func (j *journalScreen) exportTo(path string, created bool) {
	if j.export != nil {
		return
	}
	stopCtx, stop := context.WithCancel(context.Background())
	j.export = &journalExport{stop: stop}
	f := j.applied
	f.Before, f.Limit = 0, 0
	var written int64
	j.run.run("audit export", j.exportBusy, func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		defer context.AfterFunc(stopCtx, cancel)()
		file, err := safefile.Create(path)
		if err != nil {
			return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
		}
		defer file.Abort()
		err = j.backend.portal.ExportAudit(ctx, f, file, func(done, total int64) {
			written = done
			j.run.do(func() {
				if total > 0 {
					j.progress.SetValue(float64(done) / float64(total))
				}
			})
		})
		if err == nil {
			err = file.Commit()
			if err != nil {
				err = service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
			}
		}
		if err != nil && created {
			removeIfEmpty(path)
		}
		return err
	}, func(err error) {
		j.export = nil
		stop()
		switch {
		case err == nil:
			j.setStatus(lang.L("ui.journal_exporte_evenements_file",
				map[string]any{"Count": written, "File": path}), widget.SuccessImportance)
			j.exported = path
			j.openDir.Show()
		case errors.Is(err, context.Canceled) || stopCtx.Err() != nil:
			j.setStatus(lang.L("ui.export_annule_aucun_fichier_ete"), widget.MediumImportance)
		default:
			j.setStatus("", widget.MediumImportance)
			j.run.fail("audit export", err)
		}
	})
}

// onCancelExport stops the export under way.
func (j *journalScreen) onCancelExport() {
	if j.export != nil {
		j.export.stop()
		j.cancel.Disable()
	}
}

// exportBusy shows the progress bar and Annuler while an export runs.
func (j *journalScreen) exportBusy(on bool) {
	if on {
		j.progress.SetValue(0)
		j.cancel.Enable()
		j.exportBox.Show()
		j.exportBtn.Disable()
		j.setStatus(lang.L("ui.export_journal_cours"), widget.MediumImportance)
	} else {
		j.exportBox.Hide()
		j.exportBtn.Enable()
	}
	widgets.Relayout(j.exportBox)
}

// setStatus shows the outcome of an export or a verification.
func (j *journalScreen) setStatus(text string, imp widget.Importance) {
	j.openDir.Hide() // shown again by an export that succeeds
	j.status.SetText(text)
	j.status.Importance = imp
	j.status.Hidden = text == ""
	j.status.Refresh()
	widgets.Relayout(j.status)
}

// onOpenFolder shows the folder of the file just exported in the system's file
// manager.
func (j *journalScreen) onOpenFolder() {
	if err := j.files.openFolder(j.exported); err != nil {
		j.run.fail("open folder", service.Errorf(service.EINTERNAL, service.MsgUnexpected, err))
	}
}

// removeIfEmpty removes the empty file a save dialog created, and nothing else.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		_ = os.Remove(path)
	}
}
