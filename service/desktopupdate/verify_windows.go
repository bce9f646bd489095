package desktopupdate

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"

	"sesame/service"
)

// CanInstall reports whether this system installs the builds the server publishes.
const CanInstall = true

// VerifyPublisher checks a downloaded build against the running program. When the
// running program is signed (Authenticode, a release made with SIGN_*), the build
// must carry a signature Windows trusts (WinVerifyTrust: the file unchanged since it
// was signed, a chain to a trusted root, none of it revoked) whose signer has the
// same subject and the same issuer as the running program's signer (samePublisher).
// An unsigned running program (a build made without SIGN_*) has no publisher to
// compare: only the SHA-256, which Download checked, stands.
func VerifyPublisher(path string) error {
	self, err := os.Executable()
	if err != nil {
		return service.Errorf(service.EINTERNAL, MsgPublisher, err)
	}
	mine, err := signer(self)
	if err != nil {
		return service.Errorf(service.EINTERNAL, MsgPublisher, fmt.Errorf("the running program's signer: %w", err))
	}
	if mine == nil {
		return nil
	}
	if err := winVerifyTrust(path); err != nil {
		return service.Errorf(service.EINVALID, MsgPublisher, fmt.Errorf("WinVerifyTrust: %w", err))
	}
	theirs, err := signer(path)
	if err != nil || theirs == nil {
		return service.Errorf(service.EINVALID, MsgPublisher, fmt.Errorf("the build's signer: %v", err))
	}
	if err := samePublisher(theirs, mine); err != nil {
		return service.Errorf(service.EINVALID, MsgPublisher, err)
	}
	return nil
}

// winVerifyTrust asks Windows whether a file's Authenticode signature holds
// (WINTRUST_ACTION_GENERIC_VERIFY_V2, revocation checked along the whole chain).
func winVerifyTrust(path string) error {
	p16, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	data := &windows.WinTrustData{
		Size:             uint32(unsafe.Sizeof(windows.WinTrustData{})),
		UIChoice:         windows.WTD_UI_NONE,
		RevocationChecks: windows.WTD_REVOKE_WHOLECHAIN,
		UnionChoice:      windows.WTD_CHOICE_FILE,
		StateAction:      windows.WTD_STATEACTION_VERIFY,
		FileOrCatalogOrBlobOrSgnrOrCert: unsafe.Pointer(&windows.WinTrustFileInfo{
			Size:     uint32(unsafe.Sizeof(windows.WinTrustFileInfo{})),
			FilePath: p16,
		}),
	}
	verr := windows.WinVerifyTrustEx(windows.InvalidHWND, &windows.WINTRUST_ACTION_GENERIC_VERIFY_V2, data)
	data.StateAction = windows.WTD_STATEACTION_CLOSE
	_ = windows.WinVerifyTrustEx(windows.InvalidHWND, &windows.WINTRUST_ACTION_GENERIC_VERIFY_V2, data)
	return verr
}

var (
	crypt32              = windows.NewLazySystemDLL("crypt32.dll")
	procCryptMsgGetParam = crypt32.NewProc("CryptMsgGetParam")
	procCryptMsgClose    = crypt32.NewProc("CryptMsgClose")
)

// cmsgSignerCertInfoParam asks CryptMsgGetParam for the signer's issuer and serial
// number (a CERT_INFO), which find its certificate in the signature's store.
const cmsgSignerCertInfoParam = 7

// signer returns the certificate that signed a file (Authenticode, embedded), nil
// for an unsigned file. It reads the signature; winVerifyTrust judges it.
func signer(path string) (*x509.Certificate, error) {
	p16, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	var enc, content, format uint32
	var store, msg windows.Handle
	err = windows.CryptQueryObject(windows.CERT_QUERY_OBJECT_FILE, unsafe.Pointer(p16),
		windows.CERT_QUERY_CONTENT_FLAG_PKCS7_SIGNED_EMBED, windows.CERT_QUERY_FORMAT_FLAG_BINARY, 0,
		&enc, &content, &format, &store, &msg, nil)
	if errors.Is(err, windows.Errno(0x80092009)) { // CRYPT_E_NO_MATCH: no signature
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer windows.CertCloseStore(store, 0)
	defer procCryptMsgClose.Call(uintptr(msg))
	var size uint32
	if r, _, err := procCryptMsgGetParam.Call(uintptr(msg), cmsgSignerCertInfoParam, 0, 0, uintptr(unsafe.Pointer(&size))); r == 0 {
		return nil, fmt.Errorf("CryptMsgGetParam: %w", err)
	}
	buf := make([]byte, size)
	if r, _, err := procCryptMsgGetParam.Call(uintptr(msg), cmsgSignerCertInfoParam, 0, uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size))); r == 0 {
		return nil, fmt.Errorf("CryptMsgGetParam: %w", err)
	}
	cc, err := windows.CertFindCertificateInStore(store, windows.X509_ASN_ENCODING|windows.PKCS_7_ASN_ENCODING, 0,
		windows.CERT_FIND_SUBJECT_CERT, unsafe.Pointer(&buf[0]), nil)
	if err != nil {
		return nil, fmt.Errorf("the signer's certificate: %w", err)
	}
	defer windows.CertFreeCertificateContext(cc)
	der := bytes.Clone(unsafe.Slice(cc.EncodedCert, cc.Length))
	return x509.ParseCertificate(der)
}
