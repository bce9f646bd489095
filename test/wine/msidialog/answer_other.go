//go:build !windows

package main

import "errors"

func answer(string, string) error { return errors.New("a Windows program: run it under Wine") }
