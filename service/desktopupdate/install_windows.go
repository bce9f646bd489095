package desktopupdate

import (
	"os"
	"os/exec"

	"golang.org/x/sys/windows"

	"sesame/service"
)

// StartInstaller starts Windows Installer on the build (msiexec /i), which shows the
// MSI's windows, asks to close the running Sésame before installing anything
// (« Sésame est ouvert », installer/ui), and replaces the older version (the MSI's
// UpgradeCode). It does not wait for it.
func StartInstaller(path string) error {
	cmd := exec.Command(msiexec(), "/i", path)
	if err := cmd.Start(); err != nil {
		return service.Errorf(service.EINTERNAL, MsgStart, err)
	}
	return cmd.Process.Release()
}

// InstalledPerMachine reports whether the running Sésame was installed for every user
// of the computer (ALLUSERS=1: its program in Program Files). The MSI installs per
// user by default, and its MajorUpgrade replaces only a version installed in the same
// context: StartInstaller would add a per-user copy beside it, so such an install is
// updated by the firm's IT, not from the app.
func InstalledPerMachine() bool {
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	var folders []string
	for _, id := range []*windows.KNOWNFOLDERID{windows.FOLDERID_ProgramFiles, windows.FOLDERID_ProgramFilesX64, windows.FOLDERID_ProgramFilesX86} {
		if dir, err := windows.KnownFolderPath(id, 0); err == nil {
			folders = append(folders, dir)
		}
	}
	return installedPerMachine(exe, folders)
}

// msiexec is Windows Installer's program in the system folder, not one found in the
// PATH or the current folder.
func msiexec() string {
	if root := os.Getenv("SystemRoot"); root != "" {
		return root + `\System32\msiexec.exe`
	}
	return `C:\Windows\System32\msiexec.exe`
}
