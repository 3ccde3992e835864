package scenariofile

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one problem in a scenario file, with where it is: the file, the
// line and column (both from 1), and the path of the field in the
// scenario ("guarantees[3].provider"; empty for problems of syntax, which
// have no field yet). Err says what is wrong and wraps a sentinel where
// callers may want to test for one.
type Error struct {
	File   string
	Line   int
	Column int
	Path   string
	Err    error
}

// Error returns "file:line:col: path: what is wrong", the form editors and
// terminals turn into links.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	fmt.Fprintf(&b, "%d:%d: ", e.Line, e.Column)
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is every problem found in a file, in the order of the file.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for [errors.Is] and [errors.As].
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Sentinels for problems callers may want to tell apart.
var (
	// ErrTooLarge: the file is larger than [Options.MaxSize].
	ErrTooLarge = errors.New("file too large")
	// ErrSyntax: the file is not well-formed YAML or JSON.
	ErrSyntax = errors.New("syntax error")
	// ErrAliases: YAML aliases expand past [Options.MaxAliasNodes], or
	// repeat more text than [Options.MaxSize].
	ErrAliases = errors.New("aliases expand too far")
	// ErrUnknownKey: a key that format 1 does not have.
	ErrUnknownKey = errors.New("unknown key")
	// ErrDuplicateKey: a key given twice in one mapping.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrType: a value of the wrong type, such as a list where a string belongs.
	ErrType = errors.New("wrong type")
	// ErrVersion: a missing or unsupported format version.
	ErrVersion = errors.New("format version")
	// ErrEmpty: a file with no scenario in it.
	ErrEmpty = errors.New("empty file")
)
