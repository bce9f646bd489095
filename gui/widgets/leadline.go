package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LeadLine is one line of a bold lead and a plain tail after a dash (« Entrer le nom
// d'une nouvelle clé — 95963 FUTUROSCOPE CEDEX · Loop APIkey »). The tail shows whole
// or not at all, as the width allows, and a lead alone too long for the width ends
// in « … »: a RichText of the two would cut the tail mid-word, with no « … ».
type LeadLine struct {
	widget.BaseWidget
	Text       *widget.RichText // what is drawn
	lead, tail string
	withTail   bool // the tail is drawn
}

// NewLeadLine is an empty line; Set gives it its text.
func NewLeadLine() *LeadLine {
	l := &LeadLine{Text: widget.NewRichText()}
	l.Text.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// Set shows lead, and tail after it when the width takes both whole.
func (l *LeadLine) Set(lead, tail string) {
	l.lead, l.tail = lead, tail
	l.fit(l.Size().Width, true)
}

// String is the whole line, tail included, whatever the width shows of it.
func (l *LeadLine) String() string {
	if l.tail == "" {
		return l.lead
	}
	return l.lead + " — " + l.tail
}

// fit draws the tail if width takes the whole line; again only when that changes,
// unless force.
func (l *LeadLine) fit(width float32, force bool) {
	with := l.tail != "" && l.need() <= width
	if !force && with == l.withTail {
		return
	}
	l.withTail = with
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: l.lead, Style: widget.RichTextStyleStrong}}
	if with {
		segs = append(segs, &widget.TextSegment{Text: " — " + l.tail, Style: widget.RichTextStyleInline})
	}
	l.Text.Segments = segs
	l.Text.Refresh()
}

// need is the width of the whole line, with the text's padding.
func (l *LeadLine) need() float32 {
	size := theme.TextSize()
	return fyne.MeasureText(l.lead, size, fyne.TextStyle{Bold: true}).Width +
		fyne.MeasureText(" — "+l.tail, size, fyne.TextStyle{}).Width + 2*theme.InnerPadding()
}

// CreateRenderer implements fyne.Widget.
func (l *LeadLine) CreateRenderer() fyne.WidgetRenderer { return &leadLineRenderer{l: l} }

type leadLineRenderer struct{ l *LeadLine }

func (r *leadLineRenderer) Layout(size fyne.Size) {
	r.l.fit(size.Width, false)
	r.l.Text.Resize(size)
}

func (r *leadLineRenderer) MinSize() fyne.Size           { return r.l.Text.MinSize() }
func (r *leadLineRenderer) Refresh()                     { r.l.Text.Refresh() }
func (r *leadLineRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.Text} }
func (r *leadLineRenderer) Destroy()                     {}
