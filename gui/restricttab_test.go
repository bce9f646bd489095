package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"sesame/service"
)

// Tab in « Adresses autorisées », a multi-line field, moves on to the next field as
// in every other field: Fyne's multi-line entry keeps Tab to type a tab character
// (the desktop driver asks fyne.Tabbable), which left a keyboard user stuck in it.
func TestTabLeavesTheAddressList(t *testing.T) {
	f := newRestrictFields(service.RestrictionsInput{Addresses: []string{"10.0.0.0/8"}})
	if !f.addresses.MultiLine {
		t.Fatal("the address list is not multi-line: this test checks nothing")
	}
	var o fyne.CanvasObject = f.addresses
	if tb, ok := o.(fyne.Tabbable); ok && tb.AcceptsTab() {
		t.Fatal("the address list keeps Tab to itself")
	}
}
