package gui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"sesame/service"
)

// The menu bar from the keyboard, as in Windows programs: F10 opens it, Alt and a
// menu's first letter opens that menu (Alt+F « Fichier »). Menus sharing a letter
// (« Affichage », « Aide ») take turns while one of them is open, as Windows does
// with a repeated access key. On Windows and Linux Fyne draws the bar itself and
// opens it on a lone Alt only; on macOS the system's menu bar has its own keys.

// menuBar is what the keyboard does with the window's menu bar.
type menuBar interface {
	Toggle()       // opens the first menu, or closes the open one
	Dismiss() bool // closes the open menu; reports whether one was open
	Open(menu int) // opens menu number menu (0 for the first)
}

// canvasMenuBar is the desktop driver's menu bar, reached through its canvas; a
// canvas without one (the test driver's, macOS's native bar) does nothing.
type canvasMenuBar struct{ c fyne.Canvas }

// Toggle implements menuBar.
func (b canvasMenuBar) Toggle() {
	if m, ok := b.c.(interface{ ToggleMenu() }); ok {
		m.ToggleMenu()
	}
}

// Dismiss implements menuBar.
func (b canvasMenuBar) Dismiss() bool {
	m, ok := b.c.(interface{ DismissMenu() bool })
	return ok && m.DismissMenu()
}

// Open implements menuBar: the first menu opened takes the focus, and Right goes
// to the next, as the arrow keys do.
func (b canvasMenuBar) Open(menu int) {
	if _, ok := b.c.(interface{ ToggleMenu() }); !ok {
		return
	}
	b.Toggle()
	for range menu {
		if f := b.c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		}
	}
}

// menuBar is the window's menu bar for the keyboard.
func (u *ui) menuBar() menuBar {
	if u.bar != nil {
		return u.bar
	}
	return canvasMenuBar{u.win.Canvas()}
}

// onMenuKey opens the window's menu bar, or closes it (F10); not over a dialog.
func (u *ui) onMenuKey() {
	if u.win.Canvas().Overlays().Top() == nil {
		u.menuBar().Toggle()
	}
}

// accessKey is the key of a menu's title: its first letter, without accent.
func accessKey(title string) fyne.KeyName {
	r, _ := utf8.DecodeRuneInString(strings.ToUpper(service.FoldName(title)))
	return fyne.KeyName(string(unicode.ToUpper(r)))
}

// menuAccessKeys are the access keys of m's menus, in the bar's order, and the
// menus of each (their numbers, left to right).
func menuAccessKeys(m *fyne.MainMenu) ([]fyne.KeyName, map[fyne.KeyName][]int) {
	menus := map[fyne.KeyName][]int{}
	var keys []fyne.KeyName
	for i, menu := range m.Items {
		k := accessKey(menu.Label)
		if menus[k] == nil {
			keys = append(keys, k)
		}
		menus[k] = append(menus[k], i)
	}
	return keys, menus
}

// addMenuLetters makes Alt and each menu's access key open that menu; a focused
// entry hands the key to the window (widgets.Entry.TypedShortcut).
func (u *ui) addMenuLetters(m *fyne.MainMenu) {
	keys, menus := menuAccessKeys(m)
	for _, k := range keys {
		u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			u.onMenuLetter(k, menus[k])
		})
	}
}

// onMenuLetter opens the menu of access key k: the next of its menus when one of
// them is open, else the first; not over a dialog.
func (u *ui) onMenuLetter(k fyne.KeyName, menus []int) {
	if u.win.Canvas().Overlays().Top() != nil {
		return
	}
	bar := u.menuBar()
	if bar.Dismiss() && u.lastLetter == k {
		u.letterTurn++
	} else {
		u.letterTurn = 0
	}
	u.lastLetter = k
	bar.Open(menus[u.letterTurn%len(menus)])
}
