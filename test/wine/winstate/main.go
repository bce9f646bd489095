// Command winstate drives Sésame's main window under Wine as a user and the system
// would: it finds the visible top-level window whose title begins with « Sésame »,
// maximises it, closes it (WM_CLOSE, as the title bar's × does) or reports its state.
// test/wine's TestWindowStateUnderWine runs it beside the real Sésame.exe.
//
// Usage:
//
//	winstate state      print the window's state
//	winstate maximise   maximise the window (ShowWindow SW_MAXIMIZE), print its state
//	winstate restore    un-maximise the window (ShowWindow SW_RESTORE), print its state
//	winstate close      ask the window to close (WM_CLOSE), as the title bar's × does
//	winstate zoomed     wait until the window is maximised, print its state
//	winstate inside     wait until the window lies inside its monitor's work area,
//	                    print its state
//
// The state is one line of the window's frame, the size of its content (client
// area), its monitor's work area and its placement, in pixels:
//
//	zoomed=0|1 window=L,T,R,B client=W,H work=L,T,R,B show=N normal=L,T,R,B
//
// Each command waits 60 s at most for the window, and for the condition (a busy
// machine starts Wine slowly); the state printed then says what was seen.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: winstate state|maximise|restore|close|zoomed|inside")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "winstate:", err)
		os.Exit(1)
	}
}
