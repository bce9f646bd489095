package service

import "sesame/service/msg"

// The sentences the domain shows users, as codes of the message catalogue
// (assets/messages), where their French and English live.
const (
	MsgUnexpected      msg.Code = "error.unexpected"
	MsgKeyNameBlank    msg.Code = "key.name_blank"
	MsgKeyNameTooLong  msg.Code = "key.name_too_long"
	MsgKeyNameControl  msg.Code = "key.name_control"
	MsgKeyNameInvalid  msg.Code = "key.name_invalid"
	MsgKeyNameTaken    msg.Code = "key.name_taken"
	MsgKeyNotFound     msg.Code = "key.not_found"
	MsgKeyRevoked      msg.Code = "key.revoked"
	MsgTiersNotFound   msg.Code = "tiers.not_found"
	MsgTiersExists     msg.Code = "tiers.exists"
	MsgServiceNotFound msg.Code = "service.not_found"
	MsgServiceNoKeys   msg.Code = "service.no_keys"
	MsgTiersCodeBlank  msg.Code = "tiers.code_blank"
	MsgTiersCodeFormat msg.Code = "tiers.code_format"
	// MsgSICCodeBlank, MsgSICCodeFormat: the firm's SIC code, its Cegid customer
	// number, is missing or not made of digits only.
	MsgSICCodeBlank  msg.Code = "firm.sic_blank"
	MsgSICCodeFormat msg.Code = "firm.sic_format"
	MsgNoProfile     msg.Code = "profile.missing"
	MsgStoreReadOnly msg.Code = "store.read_only"
	MsgStoreLocked   msg.Code = "store.locked"
	MsgStoreCorrupt  msg.Code = "store.corrupt"
	MsgStoreNewer    msg.Code = "store.newer"
	MsgStoreFull     msg.Code = "store.full"
	MsgUnauthorized  msg.Code = "session.expired"
	MsgForbidden     msg.Code = "error.forbidden"
	MsgRateLimited   msg.Code = "error.rate_limited"
	MsgUnavailable   msg.Code = "server.unavailable"
	// MsgDBUnreachable: the server cannot reach its database (PostgreSQL stopped, a
	// network cut); said to the operator and in the server's 503 answers.
	MsgDBUnreachable msg.Code = "db.unreachable"
	// MsgDBPasswordRefused: PostgreSQL refused the password of the server's URL.
	MsgDBPasswordRefused msg.Code = "db.password_refused"
	// MsgDBUserRefused: PostgreSQL does not know the user of the server's URL, or does
	// not let it in (pg_hba.conf).
	MsgDBUserRefused msg.Code = "db.user_refused"
	// MsgDBMissing: the database the server's URL names does not exist.
	MsgDBMissing msg.Code = "db.missing"
	// MsgDBBusy: the database gave up a request it may well take in a moment (a
	// deadlock, too many connections, a restart under way).
	MsgDBBusy msg.Code = "db.busy"
	// MsgDBURLInvalid: the server's PostgreSQL URL does not parse.
	MsgDBURLInvalid msg.Code = "db.url_invalid"
	// MsgKeychainUnavailable is shown when the OS keychain cannot keep the sign-in.
	MsgKeychainUnavailable msg.Code = "keychain.unavailable"
)

// MsgKeyNameInvisible refuses a key name holding a format character (zero-width
// joiner or space, soft hyphen…) or a bidirectional control.
const MsgKeyNameInvisible msg.Code = "key.name_invisible"

// The sentences of a connection to the firm's server that failed for a reason the
// administrator can act on (see CertificateError and OtherAddressError).
const (
	MsgCertUnknownAuthority msg.Code = "cert.unknown_authority"
	MsgCertExpired          msg.Code = "cert.expired"
	MsgCertWrongName        msg.Code = "cert.wrong_name"
	MsgCertChanged          msg.Code = "cert.changed"
	MsgNotTLS               msg.Code = "server.not_tls"
	MsgServerNotFound       msg.Code = "server.name_not_found"
	MsgOtherAddress         msg.Code = "server.other_address"
)

// MsgListCursorInvalid refuses a page of a listing asked from a position that the
// listing did not give, or for another order.
const MsgListCursorInvalid msg.Code = "list.cursor_invalid"

// MsgSessionClosed tells an administrator that the server ended their session (sign
// out elsewhere, new password, sessions revoked by the operator): they must sign in
// again.
const MsgSessionClosed msg.Code = "session.closed"

// MsgInvalidCharacters refuses a request holding text that is not UTF-8, or a NUL
// character, anywhere: in its address, its parameters or its body.
const MsgInvalidCharacters msg.Code = "request.invalid_characters"

// The sentences of the audit journal's verification; {{.Count}} and {{.Event}} are
// filled from AuditCheck.Data.
const (
	MsgAuditIntact    msg.Code = "audit.intact"
	MsgAuditAltered   msg.Code = "audit.altered"
	MsgAuditMissing   msg.Code = "audit.missing"
	MsgAuditBadHead   msg.Code = "audit.bad_head"
	MsgAuditBadAnchor msg.Code = "audit.bad_anchor"
	// The seals' sentences (auditseal.go) also fill {{.Seal}} and {{.SealDate}}.
	MsgAuditIntactSealed msg.Code = "audit.intact_sealed"
	// A whole journal that no seal covers: a rewrite of it all would not show.
	MsgAuditIntactUnsealed msg.Code = "audit.intact_unsealed"
	MsgAuditSealForged     msg.Code = "audit.seal_forged"
	MsgAuditSealBroken     msg.Code = "audit.seal_broken"
	MsgAuditSealCut        msg.Code = "audit.seal_truncated"
	MsgAuditSealNoKey      msg.Code = "audit.seal_key_missing"
	// A seal asked for while the sealing key is missing and the journal has seals.
	MsgSealKeyMissing msg.Code = "audit.seal_key_lost"
	// The keychain could not give or keep the desktop's sealing key.
	MsgSealKeychain msg.Code = "audit.seal_keychain"
	MsgAuditPeriod  msg.Code = "audit.period"
	MsgDateInvalid  msg.Code = "date.invalid"
	MsgAuditWrite   msg.Code = "audit.write"
)

// The sentences that refuse a name typed in a form (see validateLabel).
const (
	MsgFirmNameRequired  msg.Code = "firm.name_required"
	MsgFirmNameInvalid   msg.Code = "firm.name_invalid"
	MsgFirmNameTooLong   msg.Code = "firm.name_too_long"
	MsgAdminNameRequired msg.Code = "admin.name_required"
	MsgAdminNameInvalid  msg.Code = "admin.name_invalid"
	MsgAdminNameTooLong  msg.Code = "admin.name_too_long"
	MsgAdminUnknown      msg.Code = "admin.unknown"
	MsgTiersNameRequired msg.Code = "tiers.name_required"
	MsgTiersNameInvalid  msg.Code = "tiers.name_invalid"
	MsgTiersNameTooLong  msg.Code = "tiers.name_too_long"
)
