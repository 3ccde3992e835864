package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// The command writes every file it writes (fmt -w, the workbench's saves,
// atop check's --csv and --svg, atop import's files) through writeFile, or,
// for many files at once, through its two halves, stage and publish: never
// a half-written file, and never an existing file overwritten unless the
// user said so.

// replace says whether writeFile may overwrite a file already at the path.
type replace bool

const (
	noClobber replace = false // refuse a path that exists, even one made while writing
	overwrite replace = true  // create the file, or replace it keeping its permissions
)

// writeFile writes data to path through a synced temporary file in the same
// folder, then publishes it (see publish) and syncs the folder. With
// overwrite, a symbolic link at path has its target rewritten, and an
// existing file keeps its permissions and, where the system lets it, its
// owner; a new file is 0644. Only a regular file is overwritten, and not
// one that is read-only (one the writer may not write, or, for the
// superuser, with no write permission at all): a pipe, a device or a link
// to either is refused, as is a link that leads nowhere, rather than
// replaced by a file. The new file takes the place of the old under this
// name: another hard link to the old one keeps the old text.
func writeFile(path string, data []byte, mode replace) error {
	perm := fs.FileMode(0o644)
	var old fs.FileInfo
	if mode == overwrite {
		real, info, err := rewritable(path)
		if err != nil {
			return err
		}
		if path = real; info != nil {
			perm, old = info.Mode().Perm(), info
		}
	}
	tmp, err := stage(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp", data, perm, old)
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return fmt.Errorf("%s: cannot write its new copy in %s: %w", path, filepath.Dir(path), pe.Err)
	} else if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp) // after a rename, nothing is left to remove
	if err := publish(tmp, path, mode); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// rewritable checks that writeFile may overwrite path: that it is, or a
// symbolic link leads to, a regular file the writer may write, or
// nothing. It returns the path a link leads to, and the file's info (nil
// when there is no file). fmt -w asks it before reading the file, since
// reading a named pipe with no writer would wait for ever.
func rewritable(path string) (string, fs.FileInfo, error) {
	// Rewrite what a symbolic link points to, not the link.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	} else if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		return "", nil, fmt.Errorf("%s is a symbolic link to no file that can be rewritten: %w", path, err)
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return path, nil, nil
	case !info.Mode().IsRegular():
		return "", nil, fmt.Errorf("%s is %s, not a regular file; only a regular file is rewritten", path, kindOf(info.Mode()))
	case !writable(path, info):
		return "", nil, fmt.Errorf("%s is read-only; make it writable to rewrite it", path)
	}
	return path, info, nil
}

// kindOf names the kind of file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// replaceFile rewrites path with data: writeFile with overwrite, in the
// shape the workbench's Options.Replace takes.
func replaceFile(path string, data []byte) error { return writeFile(path, data, overwrite) }

// stage writes data to a new file in dir, named by pattern as
// os.CreateTemp names it, with permissions perm and, when like is not nil,
// like's owner where the system allows, synced, and returns its path.
func stage(dir, pattern string, data []byte, perm fs.FileMode, like fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil && like != nil {
		keepOwner(f, like)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// publish gives the staged file tmp the name dst, in the same file system.
// With noClobber it links tmp to dst, which fails if dst exists, however
// late it appeared, and leaves tmp for the caller to remove; with overwrite
// it renames tmp over dst.
func publish(tmp, dst string, mode replace) error {
	if mode == overwrite {
		return os.Rename(tmp, dst)
	}
	if err := os.Link(tmp, dst); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; give --force to overwrite it", dst)
		}
		return err
	}
	return nil
}

// syncDir syncs the folder dir, so that the names published in it survive
// a crash. A system that cannot sync a folder (Windows) is not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && runtime.GOOS != "windows" && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
