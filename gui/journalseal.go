package gui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// onSeal seals the journal's head now (journaled, so the list is read again) and
// says which event the seal covers and when it was made.
func (j *journalScreen) onSeal() {
	var se service.AuditSeal
	j.run.run("audit seal", j.busy, func(ctx context.Context) error {
		var err error
		se, err = j.backend.portal.SealAudit(ctx)
		return err
	}, func(err error) {
		if err != nil {
			j.run.fail("audit seal", err)
			return
		}
		j.setStatus(lang.L("ui.journal_scelle", map[string]any{
			"Event": se.Seq, "Date": se.At.Local().Format("02/01/2006 15:04")}), widget.SuccessImportance)
		j.load(true)
	})
}
