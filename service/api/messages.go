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
