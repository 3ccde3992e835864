//go:build !unix

package main

import "os/exec"

// The CDP pipe needs descriptors 3 and 4 in the browser, which os/exec
// provides on Unix only: on other systems launch fails at cmd.Start.

func ownProcessGroup(*exec.Cmd) {}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
