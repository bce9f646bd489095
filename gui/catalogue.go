package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// catalogueScreen is the "Catalogue de services": a category drop-down with
// "Filtrer", and the services; those that accept API keys carry a key button that
// opens their keys page.
type catalogueScreen struct {
	backend  *backend
	openKeys func(service.CatalogueEntry) // the keys page of a service
	back     *widgets.Button
	category *widget.Select
	filter   *widgets.Button
	list     *widget.List
	count    *widget.Label
	shown    []service.CatalogueEntry
	rows     map[fyne.CanvasObject]*catalogueRow // each list row's widgets
	content  fyne.CanvasObject
}

func newCatalogueScreen(b *backend, back func(), openKeys func(service.CatalogueEntry)) *catalogueScreen {
	c := &catalogueScreen{backend: b, openKeys: openKeys, count: widget.NewLabel(""), rows: map[fyne.CanvasObject]*catalogueRow{}}
	c.back = widgets.NewButton(lang.L("ui.retour_profil"), theme.NavigateBackIcon(), back)
	c.back.Importance = widget.LowImportance
	opts := []string{lang.L("ui.toutes")}
	for _, category := range b.catalogue.Categories {
		opts = append(opts, dataText(category))
	}
	c.category = widget.NewSelect(opts, nil)
	c.category.SetSelectedIndex(0)
	c.filter = widgets.NewButton(lang.L("ui.filtrer"), theme.SearchIcon(), c.onFilter)
	c.filter.Importance = widget.HighImportance
	c.list = widget.NewList(func() int { return len(c.shown) }, c.createRow, c.updateRow)
	c.list.HideSeparators = false

	top := container.NewVBox(
		container.NewHBox(c.back),
		widgets.Heading(lang.L("ui.catalogue_services")),
		container.NewHBox(widget.NewLabel(lang.L("ui.categorie")),
			container.NewStack(widgets.HSpace(selectWidth(opts)), c.category), c.filter),
	)
	c.content = container.NewPadded(container.NewBorder(top, c.count, nil, nil, c.list))
	c.onFilter()
	return c
}

// selectedCategory is the catalogue category chosen, CategoryAll for "Toutes".
func (c *catalogueScreen) selectedCategory() string {
	i := c.category.SelectedIndex()
	if i <= 0 || i > len(c.backend.catalogue.Categories) {
		return service.CategoryAll
	}
	return c.backend.catalogue.Categories[i-1]
}

// onFilter shows the services of the chosen category.
func (c *catalogueScreen) onFilter() {
	c.shown = c.backend.catalogue.Filter(c.selectedCategory())
	c.count.SetText(lang.N("ui.service", len(c.shown), map[string]any{"Count": len(c.shown)}))
	c.list.UnselectAll()
	c.list.Refresh()
	c.list.ScrollToTop()
}

// catalogueRow is a list row's widgets.
type catalogueRow struct {
	name, category, desc *widget.Label
	key                  *widgets.Button
}

func (c *catalogueScreen) createRow() fyne.CanvasObject {
	r := &catalogueRow{
		name:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		category: widget.NewLabel(""),
		desc:     widget.NewLabel(""),
	}
	r.category.TextStyle.Italic = true
	r.desc.Truncation = fyne.TextTruncateEllipsis
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.key = widgets.NewButton(lang.L("ui.cles_api"), widgets.KeyIcon, nil)
	text := container.NewVBox(r.name, container.NewBorder(nil, nil, r.category, nil, r.desc))
	// The key button keeps clear of the list's scroll bar, which is drawn over the rows.
	gutter := widgets.HSpace(theme.Size(theme.SizeNameScrollBar) + theme.Padding())
	box := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(r.key), gutter), text)
	c.rows[box] = r
	return box
}

func (c *catalogueScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(c.shown) {
		return
	}
	e := c.shown[id]
	r := c.rows[o]
	r.name.SetText(e.Name)
	r.category.SetText(dataText(e.Category))
	r.desc.SetText(dataText(e.Description))
	if e.AcceptsKeys {
		r.key.OnTapped = func() { c.onKeys(e) }
		r.key.Show()
	} else {
		r.key.OnTapped = nil
		r.key.Hide()
	}
	o.Refresh() // the texts changed size: lay the row out again
}

// onKeys opens the keys page of a service.
func (c *catalogueScreen) onKeys(e service.CatalogueEntry) { c.openKeys(e) }

// selectWidth is the width a drop-down needs to show its longest option whole.
func selectWidth(opts []string) float32 {
	var w float32
	for _, o := range opts {
		w = fyne.Max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return w + theme.IconInlineSize() + 4*theme.InnerPadding()
}
