package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// keyColumn is a column of the key table and the sort it stands for ("" for none).
type keyColumn struct {
	title string
	sort  service.KeySortField
}

// keyColumns are the table's columns; the last one holds the "Révoquer" action.
var keyColumns = []keyColumn{
	{"Nom de la clé d'API", service.SortName},
	{"Date de création", service.SortCreatedAt},
	{"Créateur", service.SortCreator},
	{"Statut", service.SortStatus},
	{"", ""},
}

const actionColumn = 4

// dateLayout is how the table shows a creation date, in local time.
const dateLayout = "02/01/2006 15:04"

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
	empty    *widget.Label   // what an empty table says
	emptyBox *fyne.Container // empty on a background, centred over the table's grid
	count    *widget.Label
	more     *button
	confirm  *keyDialog // the revocation question, while shown
	content  fyne.CanvasObject
	status   fyne.CanvasObject // the count and "Afficher plus", for the page's title row
}

// keyCell is a cell of the table: text, or the revoke button in the last column. Being
// a widget of its own, the table hands it back as itself (no look-up table that
// would keep every cell the table ever made alive).
type keyCell struct {
	widget.BaseWidget
	text   *widget.Label
	revoke *button
}

func newKeyCell() *keyCell {
	c := &keyCell{text: widget.NewLabel(""), revoke: newButton(lang.L("Révoquer"), nil, nil)}
	c.text.Truncation = fyne.TextTruncateEllipsis
	c.revoke.Importance = widget.DangerImportance
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *keyCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.text, container.NewCenter(c.revoke)))
}

func newKeyTable(w fyne.Window, b *backend, r *runner, busy func(bool), criteria func() service.KeyFilter) *keyTable {
	t := &keyTable{win: w, backend: b, run: r, busy: busy, criteria: criteria, sort: service.SortCreatedAt, desc: true, pageSize: 50,
		empty: widget.NewLabel(""), count: widget.NewLabel(""),
	}
	t.empty.Hide()
	t.emptyBox = container.NewCenter(opaque(t.empty))
	t.emptyBox.Hide()
	t.more = newButton(lang.L("Afficher plus"), theme.MoreVerticalIcon(), func() { t.load(false) })
	t.more.Hide()
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.keys), len(keyColumns) },
		t.createCell, t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = t.createHeader
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(widget.TableCellID) { t.table.UnselectAll() }
	t.content = container.NewStack(t.table, t.emptyBox)
	t.status = container.NewHBox(t.count, t.more)
	t.setWidths()
	return t
}

// load asks the Portal for the first page (reset) or the next one, with the applied
// criteria and the current sort.
func (t *keyTable) load(reset bool) {
	t.seq++
	seq := t.seq
	f := t.criteria()
	if len(f.Statuses) == 0 {
		t.keys, t.next = nil, ""
		t.refresh(lang.L("Cochez au moins un statut de clé d'API."))
		return
	}
	f.Sort, f.Descending, f.Limit = t.sort, t.desc, t.pageSize
	if !reset {
		f.Cursor = t.next
	}
	var page service.KeyPage
	t.run.run("list keys", t.busy, func(ctx context.Context) error {
		var err error
		page, err = t.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if seq != t.seq {
			return
		}
		if err != nil {
			t.run.fail("list keys", err)
			return
		}
		if reset {
			t.keys = page.Keys
			t.table.ScrollToTop()
		} else {
			t.keys = append(t.keys, page.Keys...)
		}
		t.next = page.Next
		t.refresh(lang.L("Aucune clé d'API ne correspond aux critères."))
	})
}

// refresh redraws the table; emptyText is what an empty table says.
func (t *keyTable) refresh(emptyText string) {
	t.empty.SetText(emptyText)
	t.empty.Hidden = len(t.keys) > 0
	t.emptyBox.Hidden = t.empty.Hidden
	t.count.SetText(lang.N("{{.Count}} clé d'API affichée", len(t.keys), map[string]any{"Count": len(t.keys)}))
	t.count.Hidden = len(t.keys) == 0
	t.more.Hidden = t.next == ""
	t.setWidths()
	t.table.Refresh()
	t.emptyBox.Refresh()
	t.count.Refresh()
	t.more.Refresh()
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
		return k.CreatedAt.Local().Format(dateLayout)
	case 2:
		return k.CreatedBy
	case 3:
		return statusText(k.Status)
	}
	return ""
}

// statusText is a key status as the table shows it.
func statusText(s service.KeyStatus) string {
	if s == service.StatusRevoked {
		return lang.L("Révoquée")
	}
	return lang.L("Active")
}

// setWidths sizes each column to its header and the rows loaded (tables never size
// themselves), within bounds so that one long name does not push the rest away.
func (t *keyTable) setWidths() {
	th := t.table.Theme()
	size, icon := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInlineIcon)
	pad := th.Size(theme.SizeNamePadding) + th.Size(theme.SizeNameInnerPadding)
	maxWidth := []float32{360, 0, 240, 0, 0}
	for col, c := range keyColumns {
		w := fyne.MeasureText(lang.L(c.title), size, fyne.TextStyle{Bold: true}).Width + icon + 3*pad
		if col == actionColumn {
			w = fyne.MeasureText(lang.L("Révoquer"), size, fyne.TextStyle{Bold: true}).Width + icon + 3*pad
		}
		for row := range t.keys {
			if cw := fyne.MeasureText(t.cellText(row, col), size, fyne.TextStyle{}).Width + 2*pad + 4; cw > w {
				w = cw
			}
		}
		if maxWidth[col] > 0 && w > maxWidth[col] {
			w = maxWidth[col]
		}
		t.table.SetColumnWidth(col, w)
	}
}

func (t *keyTable) createHeader() fyne.CanvasObject {
	b := newButton("", nil, nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

func (t *keyTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b, ok := o.(*button)
	if !ok || id.Col < 0 || id.Col >= len(keyColumns) {
		return
	}
	c := keyColumns[id.Col]
	b.Text, b.Icon, b.OnTapped = lang.L(c.title), nil, nil
	if c.sort == "" {
		b.Text = ""
	} else {
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
	if t.sort == f {
		t.desc = !t.desc
	} else {
		t.sort, t.desc = f, false
	}
	t.load(true)
}

func (t *keyTable) createCell() fyne.CanvasObject {
	return newKeyCell()
}

func (t *keyTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c, ok := o.(*keyCell)
	if !ok || id.Row < 0 || id.Row >= len(t.keys) {
		return
	}
	if id.Col != actionColumn {
		c.text.SetText(t.cellText(id.Row, id.Col))
		c.text.Show()
		c.revoke.Hide()
		return
	}
	c.text.Hide()
	k := t.keys[id.Row]
	if k.Status != service.StatusActive {
		c.revoke.Hide()
		return
	}
	c.revoke.OnTapped = func() { t.onRevoke(k) }
	c.revoke.Show()
}

// onRevoke asks for confirmation, then revokes the key; its row stays, revoked.
func (t *keyTable) onRevoke(k service.Key) {
	msg := wrapped(lang.L("Révoquer la clé d'API « {{.Name}} » ? Les applications qui l'utilisent perdront l'accès immédiatement.", map[string]any{"Name": k.Name}))
	t.confirm = newConfirmDialog(t.win, lang.L("Révoquer la clé d'API"), msg, lang.L("Révoquer"), lang.L("Annuler"), widget.DangerImportance, func(ok bool) {
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
		t.refresh(t.empty.Text)
	})
}
