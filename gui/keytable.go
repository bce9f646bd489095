package gui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// keyColumn is a column of the key table and the sort it stands for ("" for none).
type keyColumn struct {
	title string
	sort  service.KeySortField
}

// keyColumns are the table's columns, shown in columnOrder; actionColumn holds the
// "Révoquer" action.
var keyColumns = []keyColumn{
	{"ui.nom_cle_api", service.SortName},
	{"ui.date_creation", service.SortCreatedAt},
	{"ui.createur", service.SortCreator},
	{"ui.statut", service.SortStatus},
	{"ui.expire", ""},
	{"ui.derniere_utilisation", service.SortLastUsed},
	{"ui.ancien_secret", ""},
	{"", ""},
	{"ui.type", ""},
}

// The columns the code refers to by position.
const (
	lastUseColumn = 5
	graceColumn   = 6
	actionColumn  = 7
	typeColumn    = 8
)

// columnOrder is the order in which the table shows keyColumns: the kind beside the
// name, the action last.
var columnOrder = []int{0, typeColumn, 1, 2, 3, 4, lastUseColumn, graceColumn, actionColumn}

// keyTable is the table of keys: one page at a time from the Portal, sorted by it,
// with "Afficher plus" to fetch the next page.
type keyTable struct {
	win      fyne.Window
	backend  *backend
	run      *runner
	busy     func(bool)               // the page's progress and disabled actions
	criteria func() service.KeyFilter // the criteria applied
	table    *widget.Table
	keys     []service.Key
	next     string // cursor of the next page, "" on the last
	sort     service.KeySortField
	desc     bool
	pageSize int
	seq      int             // number of the latest load; older answers are dropped
	countSeq int             // number of the latest count asked for, or of the first page loaded since (askCount)
	empty    *widget.Label   // what an empty table says
	emptyBox *fyne.Container // empty on a background, centred over the table's grid
	count    *widget.Label
	more     *widgets.Button
	confirm  *widgets.Dialog     // the revocation question, while shown
	details  func(k service.Key) // shows the details of the row selected
	revoked  func()              // a key was revoked
	// suspend and resume ask why, then suspend or resume a row's key (suspend.go).
	suspend, resume func(k service.Key)
	content         fyne.CanvasObject
	status          fyne.CanvasObject // the count and "Afficher plus", for the page's title row
	loading         bool              // a page is on its way
	selected        string            // ID of the selected key, "" for none
	pinned          *service.Key      // a key just generated: shown even if the criteria hide it
	tip             *widgets.Tooltip  // a cut name, whole, under the pointer
	tally           keytext.Tally     // what the count says (keycount.go)

	badgeWidth, actionWidth float32   // measured once
	second                  bool      // the rows show « Suspendre… »/« Réactiver… » beside « Révoquer » (setWidths)
	compact                 bool      // narrow: the revoke action shows its icon only
	cols                    []int     // the keyColumns shown, in order (setWidths)
	widths                  []float32 // their widths
	statusWidth             float32   // of the count's row, at its last layout
	width                   float32   // the table's width at the last layout
	noKeyYet                bool      // the last answer: no key at all for this tiers and service
}

func newKeyTable(w fyne.Window, b *backend, r *runner, busy func(bool), criteria func() service.KeyFilter) *keyTable {
	t := &keyTable{win: w, backend: b, run: r, busy: busy, criteria: criteria, sort: service.SortCreatedAt, desc: true, pageSize: 50,
		empty: widget.NewLabel(""), count: widget.NewLabel(""),
	}
	t.empty.Hide()
	// The sentence wraps within the table's width, on a band that hides the column
	// lines behind it, in the middle of the table's height.
	t.empty.Wrapping, t.empty.Alignment = fyne.TextWrapWord, fyne.TextAlignCenter
	t.emptyBox = container.NewVBox(layout.NewSpacer(), widgets.Opaque(t.empty), layout.NewSpacer())
	t.emptyBox.Hide()
	t.more = widgets.NewButton(lang.L("ui.afficher_plus"), theme.MoreVerticalIcon(), func() { t.load(false) })
	t.more.Hide()
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.keys), len(t.cols) },
		t.createCell, t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = t.createHeader
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = t.onSelected
	t.tip = widgets.NewTooltip()
	t.content = container.New(&fitColumns{t: t}, container.NewStack(t.table, t.emptyBox))
	t.status = container.NewHBox(t.count, t.more)
	t.setWidths()
	return t
}

// load asks the Portal for the first page (reset) or the next one, with the applied
// criteria and the current sort.
func (t *keyTable) load(reset bool) {
	t.seq++
	seq := t.seq
	if reset {
		t.countSeq++ // a count still on its way is for the criteria before these
	}
	f := t.criteria()
	if len(f.Statuses) == 0 {
		t.keys, t.next = nil, ""
		t.refresh(lang.L("ui.cochez_moins_statut_cle_api"))
		return
	}
	f.Sort, f.Descending, f.Limit = t.sort, t.desc, t.pageSize
	if reset {
		f.NoCount = true // the rows at once; their count is asked for apart (askCount)
	} else {
		f.Cursor = t.next
	}
	var page service.KeyPage
	t.loading = true
	t.run.run("list keys", t.busy, func(ctx context.Context) error {
		var err error
		page, err = t.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if seq != t.seq {
			return
		}
		t.loading = false
		if err != nil {
			t.run.fail("list keys", err)
			return
		}
		t.countPage(reset, f, &page)
		// The cursor before the rows: scrolling to the top draws them, and a row near
		// the end asks for the next page with t.next (the former criteria's cursor
		// gave a list narrowed to ten keys each of them twice).
		t.next = page.Next
		if reset {
			t.keys = page.Keys
			t.table.ScrollToTop()
		} else {
			t.keys = append(t.keys, page.Keys...)
		}
		t.showPinned()
		t.noKeyYet = len(t.keys) == 0 && keytext.HidesNone(f)
		t.refresh(t.emptySentence())
	})
}

// emptySentence tells "no key yet" from "no key matches".
func (t *keyTable) emptySentence() string {
	if t.noKeyYet {
		return lang.L("ui.aucune_cle_api_tiers_service")
	}
	return lang.L("ui.aucune_cle_api_correspond_criteres")
}

// pin shows k, a key just generated, selected, whatever the criteria, until the
// criteria or the sort change; the next load puts it in.
func (t *keyTable) pin(k service.Key) {
	t.pinned = &k
	t.selected = k.ID
}

// unpin forgets the key just generated (the user filters or sorts again).
func (t *keyTable) unpin() { t.pinned = nil }

// showPinned puts the pinned key first if the page lacks it, and scrolls to it.
func (t *keyTable) showPinned() {
	if t.pinned == nil {
		return
	}
	row := slices.IndexFunc(t.keys, func(k service.Key) bool { return k.ID == t.pinned.ID })
	if row < 0 {
		t.keys = append([]service.Key{*t.pinned}, t.keys...)
		row = 0
		t.tally.Extra = true
	}
	t.selected = t.pinned.ID
	if row > 0 { // the first row is on show already
		t.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
	}
}

// onSelected selects the row of a tapped cell.
func (t *keyTable) onSelected(id widget.TableCellID) {
	t.table.UnselectAll() // the row is painted by its cells, not one cell by the table
	if id.Row < 0 || id.Row >= len(t.keys) {
		return
	}
	t.selected = t.keys[id.Row].ID
	t.table.Refresh()
	if t.details != nil {
		t.details(t.keys[id.Row])
	}
}

// selectedRow is the row of the selected key, -1 for none.
func (t *keyTable) selectedRow() int {
	if t.selected == "" {
		return -1
	}
	return slices.IndexFunc(t.keys, func(k service.Key) bool { return k.ID == t.selected })
}

// refresh redraws the table; emptyText is what an empty table says.
func (t *keyTable) refresh(emptyText string) {
	if t.selectedRow() < 0 {
		t.selected = ""
	}
	t.tip.Hide()
	t.empty.SetText(emptyText)
	t.empty.Hidden = len(t.keys) > 0
	t.emptyBox.Hidden = t.empty.Hidden
	t.count.SetText(t.tally.Text(len(t.keys), speaksEnglish()))
	t.count.Hidden = len(t.keys) == 0
	t.more.Hidden = t.next == ""
	t.setWidths()
	t.table.Refresh()
	t.emptyBox.Refresh()
	if w := t.status.MinSize().Width; w != t.statusWidth {
		t.statusWidth = w
		widgets.Relayout(t.status) // its row gives it room again
	}
}

// cellText is what a cell of the table shows.
func (t *keyTable) cellText(row, col int) string {
	if row < 0 || row >= len(t.keys) {
		return ""
	}
	k := t.keys[row]
	switch col {
	case 0:
		return k.Name
	case 1:
		return k.CreatedAt.Local().Format(keytext.DateLayout())
	case 2:
		return k.CreatedBy
	case 3:
		return keytext.Status(k.Status)
	case typeColumn:
		return keytext.Kind(k)
	}
	return t.lifeCellText(k, col)
}

func (t *keyTable) createHeader() fyne.CanvasObject {
	b := widgets.NewButton("", nil, nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

func (t *keyTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	// The table drawn anew (the wheel scrolled it, a page came, a key changed): the
	// row under a still pointer may now be another key's, which the tooltip does not
	// describe. Fyne tells the cells nothing of a scroll, and draws again only the
	// rows that come into view, none for a notch of the wheel shorter than a row;
	// the header it draws again every time.
	t.tip.Hide()
	b, ok := o.(*widgets.Button)
	col := t.column(id.Col)
	if !ok || col < 0 {
		return
	}
	c := keyColumns[col]
	b.Text, b.Icon, b.OnTapped = "", nil, nil
	if c.title != "" { // the action column has none: no lookup of ""
		b.Text = lang.L(c.title)
	}
	if c.title == "" {
		b.Disable() // the action column's empty header: no Tab stop (a disabled button takes no focus)
	} else {
		b.Enable()
	}
	if c.sort != "" {
		b.OnTapped = func() { t.onSort(c.sort) }
		if c.sort == t.sort {
			b.Icon = theme.MenuDropUpIcon()
			if t.desc {
				b.Icon = theme.MenuDropDownIcon()
			}
		}
	}
	b.Refresh()
}

// onSort sorts by a column, or flips the order if the table is sorted by it already.
func (t *keyTable) onSort(f service.KeySortField) {
	t.unpin()
	if t.sort == f {
		t.desc = !t.desc
	} else {
		t.sort, t.desc = f, false
	}
	t.load(true)
}

func (t *keyTable) createCell() fyne.CanvasObject {
	return widgets.NewCell(lang.L("ui.revoquer"), theme.CancelIcon(), keytext.Statuses()...)
}

func (t *keyTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c, ok := o.(*widgets.Cell)
	col := t.column(id.Col)
	if !ok || id.Row < 0 || id.Row >= len(t.keys) || col < 0 {
		return
	}
	// Near the end of what is loaded: the next page comes as the user scrolls.
	if id.Row >= len(t.keys)-10 && t.next != "" && !t.loading {
		t.load(false)
	}
	k := t.keys[id.Row]
	c.Hover = nil
	c.SetSelected(k.ID == t.selected)
	c.Text.Hide()
	c.Badge.Hide()
	c.Action.Hide()
	c.HideSecond()
	switch col {
	case 3:
		c.Badge.Set(keytext.Status(k.Status), k.Status == service.StatusActive)
		c.Badge.Show()
	case actionColumn:
		if k.Status == service.StatusActive || k.Status == service.StatusSuspended || k.Status == service.StatusPending {
			if t.compact || (t.second && k.Status != service.StatusPending) { // icons alone: their words come under the pointer
				c.Hover = t.onHoverRevoke
			}
			c.Action.OnTapped = func() { t.onRevoke(k) }
			c.ShowAction(t.compact)
			switch {
			case !t.second:
			case k.Status == service.StatusActive && t.suspend != nil:
				c.SetSecond(lang.L("ui.suspendre_2"), theme.MediaPauseIcon(), func() { t.suspend(k) })
			case k.Status == service.StatusSuspended && t.resume != nil:
				c.SetSecond(lang.L("ui.reactiver_2"), theme.MediaPlayIcon(), func() { t.resume(k) })
			}
		}
	default:
		c.Hover = t.onHover
		c.Text.TextStyle.Italic = k.Status != service.StatusActive
		c.Text.SetText(t.cellText(id.Row, col))
		c.Text.Show()
	}
}

// onRevoke asks for confirmation, then revokes the key; its row stays, revoked.
func (t *keyTable) onRevoke(k service.Key) {
	msg := widgets.Wrapped(lang.L("ui.revoquer_cle_api_applications_utilisent", map[string]any{"Name": k.Name}))
	t.confirm = widgets.NewConfirmDialog(t.win, lang.L("ui.revoquer_cle_api"), msg, lang.L("ui.revoquer"), lang.L("ui.annuler"), widget.DangerImportance, func(ok bool) {
		t.confirm = nil
		if ok {
			t.revoke(k.ID)
		}
	})
	t.confirm.Show()
}

func (t *keyTable) revoke(id string) {
	var k service.Key
	t.run.run("revoke key", t.busy, func(ctx context.Context) error {
		var err error
		k, err = t.backend.portal.Revoke(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			t.run.fail("revoke key", err)
			t.load(true)
			return
		}
		for i := range t.keys {
			if t.keys[i].ID == k.ID {
				t.keys[i] = k
			}
		}
		t.countRevoked(t.tally.Extra && t.keys[0].ID == k.ID)
		t.refresh(t.empty.Text)
		if t.revoked != nil {
			t.revoked()
		}
	})
}

// onHoverRevoke names the actions of a narrow table's row, while the pointer is on
// them.
func (t *keyTable) onHoverRevoke(c *widgets.Cell, in bool) {
	if in {
		words := lang.L("ui.revoquer")
		if c.Second.Visible() {
			words = c.SecondWord() + " · " + words
		}
		t.tip.Show(words, c)
	} else {
		t.tip.Hide()
	}
}

// onHover shows a cell's whole text when the column cuts it, while the pointer is on it.
func (t *keyTable) onHover(c *widgets.Cell, in bool) {
	if !in || !c.Text.Visible() {
		t.tip.Hide()
		return
	}
	if !widgets.TextCut(c.Text, c.Size().Width) {
		t.tip.Hide()
		return
	}
	t.tip.Show(c.Text.Text, c)
}
