package notify

import "time"

// Retries: after the n-th failed attempt the next comes FirstRetry·2^(n-1) later, at
// most MaxRetryDelay; after MaxAttempts attempts (more than a day from the first:
// TestBackoffSpansADay) the delivery is failed. A failed delivery retried by hand gets
// one more attempt.
const (
	FirstRetry    = time.Minute
	MaxRetryDelay = 6 * time.Hour
	MaxAttempts   = 13
)

// NextAttempt returns when to try again after the attempts-th failed attempt at
// now, or the zero time when the delivery has failed for good.
func NextAttempt(attempts int, now time.Time) time.Time {
	if attempts >= MaxAttempts {
		return time.Time{}
	}
	d := FirstRetry
	for i := 1; i < attempts && d < MaxRetryDelay; i++ {
		d *= 2
	}
	return now.Add(min(d, MaxRetryDelay))
}
