package gui

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"sesame/service"
)

// runner runs the work of the screens off the UI goroutine, in the backend's
// context, and shows its result on the UI goroutine; it also shows a failure the way
// the app does (fail). One runner serves every screen.
type runner struct {
	backend *backend
	do      func(func()) // runs a function on the UI goroutine: fyne.Do
	tasks   sync.WaitGroup
	after   func()                     // runs after each result is shown: the keychain check
	onFail  func(op string, err error) // shows an error: the app's dialog
}

// run runs work off the UI goroutine, in the backend's context, and then done on it
// with work's error; done is skipped if the user has switched backend since. busy, if
// set, is called with true before and false after, to show progress and disable
// buttons. A panic in work or done is recovered, logged with its stack (never with
// the panic's value, which might hold a secret) and shown as an unexpected error.
func (r *runner) run(op string, busy func(bool), work func(ctx context.Context) error, done func(err error)) {
	if busy != nil {
		busy(true)
	}
	ctx, epoch := r.backend.ctx, r.backend.epoch
	r.tasks.Add(1)
	go func() {
		defer r.tasks.Done()
		err := protect(op, func() error { return work(ctx) })
		r.do(func() {
			if busy != nil {
				busy(false)
			}
			if epoch != r.backend.epoch {
				return // the backend it worked for is gone, and its screens
			}
			if r.after != nil {
				defer r.after()
			}
			if perr := protect(op+" (display)", func() error { done(err); return nil }); perr != nil {
				r.fail(op, perr)
			}
		})
	}()
}

// fail logs err and shows its sentence; the app stays usable.
func (r *runner) fail(op string, err error) {
	if r.onFail != nil {
		r.onFail(op, err)
		return
	}
	logError(op, err)
}

// wait blocks until every task has finished; tests and shutdown use it.
func (r *runner) wait() { r.tasks.Wait() }

// protect calls f and turns a panic into an EINTERNAL error, logging where it came from.
func protect(op string, f func() error) (err error) {
	defer func() {
		if rec := recover(); rec != nil {
			slog.Error("panic recovered", "op", op, "type", fmt.Sprintf("%T", rec), "stack", string(debug.Stack()))
			err = service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("panic in %s", op))
		}
	}()
	return f()
}
