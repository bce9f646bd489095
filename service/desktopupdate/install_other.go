//go:build !windows

package desktopupdate

import "sesame/service"

// StartInstaller: only Windows installs Sésame's MSI; elsewhere the user is told to
// ask the firm's IT for the new version.
func StartInstaller(string) error {
	return service.Errorf(service.EINTERNAL, MsgWindowsOnly, nil)
}

// VerifyPublisher: no signature is checked outside Windows, where nothing is
// installed (StartInstaller).
func VerifyPublisher(string) error { return nil }

// InstalledPerMachine: only Windows has per-machine installs of Sésame.
func InstalledPerMachine() bool { return false }

// CanInstall reports whether this system installs the builds the server publishes.
const CanInstall = false
