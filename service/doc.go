// Package service is Sésame's domain: the firm's tiers, the service catalogue, API
// keys and their format, the selection criteria of the keys window, the audit trail,
// the error kinds, and the Portal interface through which the desktop app does all of
// it. It imports no GUI, database or HTTP package: the sub-packages bring those.
package service
