// Package widgets holds the desktop's reusable widgets and layouts: the button and
// entry a keyboard user can see and drive, the dialogs that Enter and Escape answer,
// the table cell with its status badge, the tooltip, the error line kept under a
// form field, the usage chart, the progress line, and the layouts that put columns
// side by side when the window allows. They know nothing of keys, firms or servers:
// a screen of package gui gives them their texts and callbacks.
package widgets
