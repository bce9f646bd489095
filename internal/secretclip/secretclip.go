// Package secretclip puts a secret on the system clipboard marked so that what keeps
// copies of the clipboard leaves it out. On Windows 10 and 11 the clipboard history
// (Win+V) and the cloud clipboard keep every copied text: Put also sets the formats
// ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0 and
// CanUploadToCloudClipboard = 0, which both honour, as password managers do.
//
// Elsewhere Put reports that it marked nothing, and the caller copies with its
// toolkit as before. On macOS the marks would be the pasteboard types
// org.nspasteboard.ConcealedType and org.nspasteboard.TransientType, which clipboard
// managers honour; writing them needs Cocoa's NSPasteboard through cgo, built and
// tested on a Mac, which this project cannot do yet (README, « Installer »). On Linux
// the mark is the x-kde-passwordManagerHint target, but the CLIPBOARD selection
// belongs to the window toolkit (GLFW), which offers text targets only.
package secretclip
