//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup puts the browser and the helpers it forks (zygote,
// renderers, GPU and network services) in a process group of their own, so
// that killProcessGroup can end them all.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	dieWithParent(cmd.SysProcAttr)
}

// killProcessGroup kills the browser's process group. Call it before
// cmd.Wait: until then the group's ID cannot be reused.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
