/*
 * checkopen.dll, the MSI's custom action CheckSesameOpen: sets the property
 * SESAME_OPEN to 1 when a Sésame is running in this session (it holds the named
 * mutex that main's running_windows.go creates), and clears it otherwise. The
 * install's dialogs and its execute sequence read SESAME_OPEN (installer/ui.go).
 * Built by installer.BuildMSI with mingw-w64; linked with msi.dll only.
 */
#include <windows.h>
#include <msi.h>
#include <msiquery.h>

/* The mutex's name; keep it equal to runningMutex in running_windows.go. */
#define RUNNING_MUTEX L"Local\\fr.cabinet.sesame.running"

__declspec(dllexport) UINT __stdcall CheckSesameOpen(MSIHANDLE install)
{
    HANDLE m = OpenMutexW(SYNCHRONIZE, FALSE, RUNNING_MUTEX);
    if (m != NULL) {
        CloseHandle(m);
        MsiSetPropertyW(install, L"SESAME_OPEN", L"1");
    } else {
        MsiSetPropertyW(install, L"SESAME_OPEN", L"");
    }
    return ERROR_SUCCESS;
}
