package main

import "syscall"

// dieWithParent has the kernel kill the browser should this program die
// without cleaning up (killed itself, say), so no Chromium is left behind.
func dieWithParent(a *syscall.SysProcAttr) {
	a.Pdeathsig = syscall.SIGKILL
}
