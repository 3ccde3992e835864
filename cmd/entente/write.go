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
// existing file keeps its permissions; a new file is 0644.
func writeFile(path string, data []byte, mode replace) error {
	perm := fs.FileMode(0o644)
	if mode == overwrite {
		// Rewrite what a symbolic link points to, not the link.
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
		if info, err := os.Stat(path); err == nil {
			perm = info.Mode().Perm()
		}
	}
	tmp, err := stage(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp", data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // after a rename, nothing is left to remove
	if err := publish(tmp, path, mode); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// replaceFile rewrites path with data: writeFile with overwrite, in the
// shape the workbench's Options.Replace takes.
func replaceFile(path string, data []byte) error { return writeFile(path, data, overwrite) }

// stage writes data to a new file in dir, named by pattern as
// os.CreateTemp names it, with permissions perm, synced, and returns its
// path.
func stage(dir, pattern string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
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
