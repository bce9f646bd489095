//go:build !windows

package main

import "errors"

func run(string) error { return errors.New("a Windows program: run it under Wine") }
