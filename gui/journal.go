package gui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
	"sesame/service/msg"
)

// journalScreen is the audit journal ("Journal"): every event of the administrator's
// tiers, newest first, by criteria (period, administrator, action, key name), a page
// at a time; its CSV export (journalexport.go) and the check of its hash chain.
type journalScreen struct {
	win     fyne.Window
	backend *backend
	run     *runner
	applied service.AuditFilter // the criteria the list shows
	events  []service.AuditEvent
	last    bool // the last page is shown

	back          *widgets.Button
	from, to      *widgets.Entry
	fromErr       *widget.Label
	login         *widgets.Entry
	action        *widget.Select
	keyName       *widgets.Entry
	reset, filter *widgets.Button
	list          *widget.List
	tip           *widgets.Tooltip // a line cut with « … », whole, under the pointer
	count         *widget.Label
	more          *widgets.Button
	exportBtn     *widgets.Button
	verifyBtn     *widgets.Button
	sealBtn       *widgets.Button
	status        *widget.Label   // the outcome of the last export or verification
	openDir       *widgets.Button // « Ouvrir le dossier » of the file just exported
	exported      string          // that file's path
	files         *files          // where to save the export
	bar           *widgets.Activity
	export        *journalExport // the export under way, nil otherwise
	exportBox     *fyne.Container
	progress      *widget.ProgressBar
	cancel        *widgets.Button
	content       fyne.CanvasObject
}

// journalActions are the actions the journal's criterion offers, with their names in
// the user's language: the service's list and words, which the CSV export shares.
func journalActions() []struct {
	action service.AuditAction
	label  string
} {
	var out []struct {
		action service.AuditAction
		label  string
	}
	for _, a := range service.AuditActions() {
		out = append(out, struct {
			action service.AuditAction
			label  string
		}{a, service.AuditActionText(a, msg.Language())})
	}
	return out
}

// actionLabel is an action's sentence in the list.
func actionLabel(a service.AuditAction) string {
	for _, x := range journalActions() {
		if x.action == a {
			return x.label
		}
	}
	return string(a)
}

func newJournalScreen(w fyne.Window, b *backend, r *runner, backText string, back func()) *journalScreen {
	j := &journalScreen{win: w, backend: b, run: r,
		from: widgets.NewEntry(), to: widgets.NewEntry(), fromErr: widgets.FieldError(),
		login: widgets.NewEntry(), keyName: widgets.NewEntry(),
		count: widget.NewLabel(""), status: widget.NewLabel(""), bar: widgets.NewActivity(),
		progress: widget.NewProgressBar(),
	}
	j.status.Wrapping = fyne.TextWrapWord
	j.status.Hide() // no empty line over the buttons until there is something to say
	j.openDir = widgets.NewButton(lang.L("files.open_folder"), theme.FolderOpenIcon(), j.onOpenFolder)
	j.openDir.Hide()
	j.back = widgets.NewButton(backText, theme.NavigateBackIcon(), back)
	j.back.Importance = widget.LowImportance
	j.from.SetPlaceHolder(localdate.Current().Placeholder(lang.L("ui.jj_mm_aaaa")))
	j.to.SetPlaceHolder(localdate.Current().Placeholder(lang.L("ui.jj_mm_aaaa")))
	j.login.SetPlaceHolder(lang.L("ui.identifiant"))
	j.keyName.SetPlaceHolder(lang.L("ui.contient"))
	for _, e := range []*widgets.Entry{j.from, j.to, j.login, j.keyName} {
		e.OnSubmitted = func(string) { j.onFilter() }
	}
	opts := []string{lang.L("ui.toutes")}
	for _, x := range journalActions() {
		opts = append(opts, x.label)
	}
	j.action = widget.NewSelect(opts, nil)
	j.action.SetSelectedIndex(0)
	j.reset = widgets.NewButton(lang.L("ui.reinitialiser_criteres"), theme.ContentClearIcon(), j.onReset)
	j.filter = widgets.NewButton(lang.L("ui.filtrer"), theme.SearchIcon(), j.onFilter)
	j.filter.Importance = widget.HighImportance
	j.more = widgets.NewButton(lang.L("ui.afficher_plus"), theme.MoreVerticalIcon(), func() { j.load(false) })
	j.more.Hide()
	j.exportBtn = widgets.NewButton(lang.L("ui.exporter_csv"), theme.DocumentSaveIcon(), j.onExport)
	j.verifyBtn = widgets.NewButton(lang.L("ui.verifier_integrite"), theme.ConfirmIcon(), j.onVerify)
	j.sealBtn = widgets.NewButton(lang.L("ui.sceller_journal"), theme.HistoryIcon(), j.onSeal)
	j.cancel = widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), j.onCancelExport)
	j.exportBox = container.NewBorder(nil, nil, nil, j.cancel, j.progress)
	j.exportBox.Hide()
	j.tip = widgets.NewTooltip()
	j.list = widget.NewList(func() int { return len(j.events) }, func() fyne.CanvasObject { return newJournalRow(j.onHoverRow, j.onWheelRow) }, j.updateRow)

	// Two columns, so that the list keeps most of the window, even 683 px wide; the
	// key's name in the left one's form, its fields starting where the others do.
	// A date's error shows beside Filtrer, in room the buttons' line already has.
	criteria := container.NewGridWithColumns(2,
		widget.NewForm(
			widget.NewFormItem(lang.L("ui.du"), j.from),
			widget.NewFormItem(lang.L("ui.administrateur"), j.login),
			widget.NewFormItem(lang.L("ui.nom_cle_api"), j.keyName)),
		widget.NewForm(
			widget.NewFormItem(lang.L("ui.au"), j.to),
			widget.NewFormItem(lang.L("ui.action"), j.action)))
	top := container.NewVBox(
		container.NewHBox(j.back),
		widgets.Heading(lang.L("ui.journal")),
		widget.NewCard("", lang.L("ui.criteres_selection"), container.NewVBox(criteria,
			container.NewBorder(nil, nil, container.NewHBox(j.reset, j.filter), nil, widgets.NewErrorLine(j.fromErr)))),
		container.NewBorder(nil, nil, nil, j.more, j.count),
	)
	bottom := container.NewVBox(j.bar.Object(), j.exportBox, container.NewBorder(nil, nil, nil, j.openDir, j.status), widget.NewSeparator(),
		container.NewHBox(j.exportBtn, j.verifyBtn, j.sealBtn))
	j.content = j.tip.Over(container.NewPadded(container.NewBorder(top, bottom, nil, nil, j.list)))
	j.applied = j.baseFilter()
	return j
}

// baseFilter is every event of the administrator's tiers.
func (j *journalScreen) baseFilter() service.AuditFilter {
	return service.AuditFilter{Limit: service.DefaultPageSize}
}

// journalRow is a line of the list: when, what, who; then the key and where from.
// Each line is cut with « … » where the list is too narrow for it; hover tells
// when the pointer comes onto the row or leaves it.
type journalRow struct {
	widget.BaseWidget
	title, detail *widget.Label
	hover         func(r *journalRow, in bool)
	wheel         func(ev *fyne.ScrollEvent) // the wheel turned over the row
}

func newJournalRow(hover func(r *journalRow, in bool), wheel func(ev *fyne.ScrollEvent)) fyne.CanvasObject {
	r := &journalRow{title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		detail: widget.NewLabel(""), hover: hover, wheel: wheel}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *journalRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.title, r.detail))
}

// MouseIn implements desktop.Hoverable.
func (r *journalRow) MouseIn(*desktop.MouseEvent) {
	if r.hover != nil {
		r.hover(r, true)
	}
}

// MouseMoved implements desktop.Hoverable.
func (r *journalRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (r *journalRow) MouseOut() {
	if r.hover != nil {
		r.hover(r, false)
	}
}

// Scrolled implements fyne.Scrollable: the wheel over a row reaches the row first
// (onWheelRow).
func (r *journalRow) Scrolled(ev *fyne.ScrollEvent) {
	if r.wheel != nil {
		r.wheel(ev)
	}
}

// onWheelRow scrolls the list as its own scroller does, and hides the tooltip: the
// row under the still pointer may now be another event. Fyne tells the rows nothing
// of a scroll, and draws again only the rows that come into view, none for a notch
// of the wheel shorter than a row.
func (j *journalScreen) onWheelRow(ev *fyne.ScrollEvent) {
	j.tip.Hide()
	j.list.ScrollToOffset(j.list.GetScrollOffset() - ev.Scrolled.DY)
}

// onHoverRow shows a row's lines whole under it while the pointer is on it, when
// the list's width cuts one of them.
func (j *journalScreen) onHoverRow(r *journalRow, in bool) {
	if !in {
		j.tip.Hide()
		return
	}
	var cut []string
	for _, l := range []*widget.Label{r.title, r.detail} {
		if widgets.TextCut(l, l.Size().Width) {
			cut = append(cut, l.Text)
		}
	}
	if len(cut) == 0 {
		j.tip.Hide()
		return
	}
	j.tip.Show(strings.Join(cut, " · "), r)
}

func (j *journalScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	j.tip.Hide() // a row drawn anew (a page came, a row selected): the line under a still pointer may be another
	if i >= len(j.events) {
		return
	}
	r := o.(*journalRow)
	title, detail := j.eventText(j.events[i])
	r.title.SetText(title)
	r.detail.SetText(detail)
}

// eventText is the two lines of an event in the list.
func (j *journalScreen) eventText(ev service.AuditEvent) (title, detail string) {
	actor := ev.Actor
	if actor == "" && ev.Detail == service.AuditDetailGraceRanOut {
		actor = lang.L("ui.arrivee_echeance") // no administrator ended it
	}
	title = lang.L("ui.date_action_actor", map[string]any{
		"Date": ev.At.Local().Format(service.AuditCSVDate), "Action": actionLabel(ev.Action), "Actor": actor})
	// What tells events apart first, as a narrow window cuts the end of the line.
	var parts []string
	if ev.KeyName != "" {
		parts = append(parts, lang.L("ui.cle", map[string]any{"Name": ev.KeyName}))
	}
	suspension := ev.Action == service.AuditSuspend || ev.Action == service.AuditResume
	if suspension && ev.Detail != "" {
		parts = append(parts, lang.L("ui.raison_reason", map[string]any{"Reason": ev.Detail}))
	}
	if ev.Addr != "" {
		parts = append(parts, lang.L("ui.depuis_addr", map[string]any{"Addr": ev.Addr}))
	}
	parts = append(parts, lang.L("ui.tiers_tiers", map[string]any{"Tiers": ev.Tiers}))
	if ev.KeyName != "" {
		svc := ev.Service
		if e, ok := j.backend.catalogue.Entry(ev.Service); ok {
			svc = e.Name
		}
		parts = append(parts, lang.L("ui.service_service", map[string]any{"Service": svc}), ev.KeyID)
	}
	if !suspension && ev.Action != service.AuditEndGrace { // its title says how it ended
		// The expiry and partner of a generation, a renewal's grace, a policy.
		if d := service.AuditDetailText(ev, msg.Language(), time.Local); d != "" {
			parts = append(parts, d)
		}
	}
	parts = append(parts, lang.L("ui.id", map[string]any{"ID": ev.ID}))
	return title, strings.Join(parts, " · ")
}

// parseDay reads a date at local midnight, in the order of the user's locale
// (localdate); "" is no date.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := localdate.Current().Parse(s, time.Local)
	if err != nil {
		return t, service.FieldError("from", service.MsgDateInvalid)
	}
	return t, nil
}

// readCriteria turns the form into a filter; the "Au" day is included.
func (j *journalScreen) readCriteria() (service.AuditFilter, error) {
	f := j.baseFilter()
	var err error
	if f.From, err = parseDay(j.from.Text); err != nil {
		return f, err
	}
	if f.To, err = parseDay(j.to.Text); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return f, service.FieldError("to", service.MsgAuditPeriod)
	}
	f.Login = strings.TrimSpace(j.login.Text)
	if i := j.action.SelectedIndex(); i > 0 {
		f.Action = journalActions()[i-1].action
	}
	f.KeyName = strings.TrimSpace(j.keyName.Text)
	return f, nil
}

// onFilter applies the form and shows the first page.
func (j *journalScreen) onFilter() {
	f, err := j.readCriteria()
	setFieldError(j.fromErr, err)
	if err != nil {
		return
	}
	j.applied = f
	j.load(true)
}

// onReset empties the form and shows every event.
func (j *journalScreen) onReset() {
	for _, e := range []*widgets.Entry{j.from, j.to, j.login, j.keyName} {
		e.SetText("")
	}
	j.action.SetSelectedIndex(0)
	setFieldError(j.fromErr, nil)
	j.applied = j.baseFilter()
	j.load(true)
}

// load fetches the first page (first) or the next one, newest first.
func (j *journalScreen) load(first bool) {
	f := j.applied
	if !first && len(j.events) > 0 {
		f.Before = j.events[len(j.events)-1].ID
	}
	var page []service.AuditEvent
	j.run.run("audit", j.busy, func(ctx context.Context) error {
		var err error
		page, err = j.backend.portal.Audit(ctx, f)
		return err
	}, func(err error) {
		if err != nil {
			j.run.fail("audit", err)
			return
		}
		j.tip.Hide() // its row may show another event now
		if first {
			j.events = nil
			j.list.ScrollToTop()
		}
		j.events = append(j.events, page...)
		j.last = len(page) < f.Limit
		j.more.Hidden = j.last
		j.count.SetText(lang.N("ui.evenement_affiche", len(j.events), map[string]any{"Count": len(j.events)}))
		if len(j.events) == 0 {
			j.count.SetText(lang.L("ui.aucun_evenement_correspond_criteres"))
		}
		j.list.Refresh()
		widgets.Relayout(j.more)
	})
}

// busy shows that the journal is being read and keeps its buttons from a second tap.
func (j *journalScreen) busy(on bool) {
	widgets.ShowBusy(on, j.bar, j.filter, j.reset, j.more, j.verifyBtn, j.sealBtn)
}

// onVerify checks the whole chain and says what it found.
func (j *journalScreen) onVerify() {
	var c service.AuditCheck
	j.run.run("audit verify", j.busy, func(ctx context.Context) error {
		var err error
		c, err = j.backend.portal.VerifyAudit(ctx)
		return err
	}, func(err error) {
		if err != nil {
			j.run.fail("audit verify", err)
			return
		}
		imp := widget.SuccessImportance
		if !c.OK() {
			imp = widget.DangerImportance
			logError("audit verify", service.Errorf(service.ECORRUPT, c.MessageCode(), nil))
		}
		j.setStatus(msg.T(c.MessageCode(), c.Data()), imp)
	})
}
