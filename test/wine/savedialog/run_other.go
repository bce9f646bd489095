//go:build !windows

package main

import "errors"

func run(string, string, string) error { return errors.New("a Windows program: run it under Wine") }
