//go:build !windows

package main

import "errors"

func formats() ([]string, error) { return nil, errors.New("a Windows program: run it under Wine") }
