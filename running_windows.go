package main

import "golang.org/x/sys/windows"

// runningMutex is the named mutex a running Sésame holds in its session, for the
// MSI's custom action CheckSesameOpen (installer/ui/checkopen.c, same name) to find
// it and ask the user to close Sésame before anything is installed.
const runningMutex = `Local\fr.cabinet.sesame.running`

// markRunning creates runningMutex and keeps it until the process ends: Windows
// releases it then, however Sésame ends. A failure only means the installer will not
// see this Sésame; the app runs all the same.
func markRunning() {
	name, err := windows.UTF16PtrFromString(runningMutex)
	if err != nil {
		return
	}
	_, _ = windows.CreateMutex(nil, false, name) // the handle lives as long as the process
}
