package notify

import (
	"strconv"
	"strings"

	"sesame/service"
)

// importedEvents reports which of evs were carried in by an import rather than
// happening here: a desktop file's journal is appended just before its import event,
// whose Detail starts with the file's head sequence ("seq:hash"), the number of events
// it carried. Those events are history (an old suspension, a policy the desktop had):
// nobody is told of them again, and a file cannot make the server mail its words.
func importedEvents(evs []service.AuditEvent) func(id int64) bool {
	type span struct{ from, to int64 }
	var spans []span
	for _, ev := range evs {
		if ev.Action != service.AuditImport {
			continue
		}
		head, _, ok := strings.Cut(ev.Detail, ":")
		n, err := strconv.ParseInt(head, 10, 64)
		if !ok || err != nil || n <= 0 {
			continue
		}
		spans = append(spans, span{ev.ID - n, ev.ID - 1})
	}
	return func(id int64) bool {
		for _, s := range spans {
			if id >= s.from && id <= s.to {
				return true
			}
		}
		return false
	}
}
