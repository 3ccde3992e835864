// Command entente checks, validates, formats and explains security
// frameworks written as scenario files (format 1, YAML or JSON).
//
// Usage:
//
//	entente check [--format text|json|markdown] [FILE...]
//	entente validate FILE...
//	entente fmt [-w] FILE...
//	entente example [NAME]
//	entente schema
//
// With no file, check evaluates the built-in seed scenario (security
// guarantees for Ukraine, August 2025) and says so.
//
// Exit status: 0 when every scenario checked is compatible (and, for the
// other commands, when all went well); 1 when one is incompatible; 2 when
// the input or the command line is wrong, with a message on standard error
// in the form file:line:col: path: what is wrong.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], env{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		isTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok {
				return false
			}
			info, err := f.Stat()
			return err == nil && info.Mode()&os.ModeCharDevice != 0
		},
	}))
}
