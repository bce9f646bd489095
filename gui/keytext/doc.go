// Package keytext is what the keys page says, as text, without drawing anything: a
// key's status, its life (last use, expiry, the old secret of a renewal), the
// table's count, the expiry warning's window, and the one-line summary of the
// criteria. Each is a plain function of its values (the time is passed in), in the
// app's language through Fyne's translations, so that table tests pin it down.
package keytext
