package gui

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"sesame/service"
)

// background runs work off the UI goroutine, in the backend's context, and then done
// on it with work's error; done is skipped if the user has switched backend since.
// busy, if set, is called with true before and false after, to show progress and
// disable buttons. A panic in work or done is recovered, logged with its stack (never
// with the panic's value, which might hold a secret) and shown as an unexpected error.
func (u *ui) background(op string, busy func(bool), work func(ctx context.Context) error, done func(err error)) {
	if busy != nil {
		busy(true)
	}
	ctx, epoch := u.bctx, u.epoch
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := protect(op, func() error { return work(ctx) })
		u.do(func() {
			if busy != nil {
				busy(false)
			}
			if epoch != u.epoch {
				return // the backend it worked for is gone, and its screens
			}
			defer u.checkKeychain()
			if perr := protect(op+" (display)", func() error { done(err); return nil }); perr != nil {
				u.showError(op, perr)
			}
		})
	}()
}

// protect calls f and turns a panic into an EINTERNAL error, logging where it came from.
func protect(op string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("panic recovered", "op", op, "type", fmt.Sprintf("%T", r), "stack", string(debug.Stack()))
			err = service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("panic in %s", op))
		}
	}()
	return f()
}
