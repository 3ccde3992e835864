package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplaceFileRefuses checks that fmt -w and the workbench's saves
// rewrite only a regular, writable file, and leave anything else as it
// was, with an error that names the user's path, never a temporary one.
func TestReplaceFileRefuses(t *testing.T) {
	dir := t.TempDir()
	data := []byte("entente: 1\n")

	readOnly := filepath.Join(dir, "read-only.yaml")
	if err := os.WriteFile(readOnly, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.yaml")
	if err := os.Symlink(filepath.Join(dir, "nowhere.yaml"), dangling); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	tests := []struct {
		name, path, want string
		reason           string
	}{
		{"read-only", readOnly, "read-only.yaml is read-only; make it writable to rewrite it",
			"a file its owner made read-only stays as it is, even for a writer who could replace it"},
		{"folder", dir, "is a folder, not a regular file; only a regular file is rewritten",
			"a folder is not replaced by a file"},
		{"dangling link", dangling, "dangling.yaml is a symbolic link to no file that can be rewritten",
			"a link that leads nowhere stays a link"},
		{"no folder", filepath.Join(dir, "missing", "f.yaml"), "f.yaml: cannot write its new copy in " + filepath.Join(dir, "missing") + ": no such file or directory",
			"the error names the file and its folder, not the temporary file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := replaceFile(tt.path, data)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), ".tmp") {
				t.Errorf("replaceFile: %v; want an error with %q (%s)", err, tt.want, tt.reason)
			}
		})
	}
	if got, _ := os.ReadFile(readOnly); string(got) != "old" {
		t.Errorf("the read-only file now holds %q", got)
	}
	if info, err := os.Lstat(dangling); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link is no longer a link")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the refusals left files behind: %v", entries)
	}
}
