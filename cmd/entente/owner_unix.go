//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f, the new copy of a file, the owner and group of old,
// the file it replaces, where the system lets it (as it lets the
// superuser): else a file that fmt -w rewrites as root would become
// root's, and one in a folder whose group new files take would change
// group. Where it does not, the new file is the writer's, as an editor's
// saved copy is.
func keepOwner(f *os.File, old fs.FileInfo) {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	info, err := f.Stat()
	if err != nil {
		return
	}
	if got, ok := info.Sys().(*syscall.Stat_t); !ok || got.Uid == want.Uid && got.Gid == want.Gid {
		return
	}
	if f.Chown(int(want.Uid), int(want.Gid)) != nil {
		_ = f.Chown(-1, int(want.Gid)) // a member of the group may keep that
	}
}

// writable reports whether the caller may write the file at path: as the
// system grants it, but for the superuser, whom it grants everything, only
// when some write permission is set, so that a file made read-only for
// everyone stays so.
func writable(path string, info fs.FileInfo) bool {
	if os.Geteuid() == 0 {
		return info.Mode().Perm()&0o222 != 0
	}
	const wOK = 2 // W_OK of access(2)
	return syscall.Access(path, wOK) == nil
}
