package api

import "sesame/service/msg"

// The sentences that refuse a listing's query parameters (the domain's are in
// package service), as codes of the message catalogue.
const (
	msgStatusUnknown msg.Code = "filter.status_unknown"
	msgSortInvalid   msg.Code = "filter.sort_invalid"
	msgCountInvalid  msg.Code = "filter.count_invalid"
	msgNumberInvalid msg.Code = "filter.number_invalid"
)

// The sentences of the API's own refusals (a query or a body the API does not
// read), as codes of the message catalogue; the parameter or field they name is in
// the error's Field and in the sentence ({{.Name}}).
const (
	MsgUnknownParameter msg.Code = "request.unknown_parameter"
	MsgValueInvalid     msg.Code = "request.value_invalid"
	MsgDateFormat       msg.Code = "request.date_format"
	MsgFieldInvalid     msg.Code = "request.field_invalid"
	MsgVersionRequired  msg.Code = "renew.version_required"
)
