//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the file at path the owner and group of old, the file it
// replaces, where the system lets it (as it lets the superuser): else a
// file that fmt -w rewrites as root would become root's. Where it does
// not, the new file is the writer's, as an editor's saved copy is.
func keepOwner(path string, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid() {
		return
	}
	if os.Lchown(path, int(st.Uid), int(st.Gid)) != nil {
		_ = os.Lchown(path, -1, int(st.Gid)) // a member of the group may keep that
	}
}
