package desktopupdate

import (
	"os"
	"os/exec"

	"sesame/service"
)

// StartInstaller starts Windows Installer on the build (msiexec /i), which shows its
// own windows, asks the running Sésame to close through the restart manager, and
// replaces the older version (the MSI's UpgradeCode). It does not wait for it.
func StartInstaller(path string) error {
	cmd := exec.Command(msiexec(), "/i", path)
	if err := cmd.Start(); err != nil {
		return service.Errorf(service.EINTERNAL, MsgStart, err)
	}
	return cmd.Process.Release()
}

// msiexec is Windows Installer's program in the system folder, not one found in the
// PATH or the current folder.
func msiexec() string {
	if root := os.Getenv("SystemRoot"); root != "" {
		return root + `\System32\msiexec.exe`
	}
	return `C:\Windows\System32\msiexec.exe`
}
