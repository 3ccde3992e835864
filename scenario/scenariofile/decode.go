package scenariofile

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/suggest"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Limits that keep hostile input harmless.
const (
	// DefaultMaxSize is the largest file Parse reads unless told otherwise:
	// far above any real framework, far below what would strain a machine.
	DefaultMaxSize = 8 << 20
	// DefaultMaxAliasNodes is how many nodes YAML aliases may add to a
	// file, beyond the nodes written in it, unless told otherwise. A
	// "billion laughs" file needs billions. (The reading may look at a
	// node up to four times, and counts each look: the nodes written get
	// room for four looks each before what aliases add is counted.)
	DefaultMaxAliasNodes = 100_000
)

// Options are the limits of reading a scenario file. The zero Options
// means the defaults.
type Options struct {
	// MaxSize is the largest file, in bytes, that is read at all; zero
	// means DefaultMaxSize. A larger file is an error that says how to
	// raise the limit. It also bounds the text that YAML aliases may
	// repeat, so that a scenario holds no more text than two such files.
	MaxSize int64
	// MaxAliasNodes bounds the nodes YAML aliases may expand to, on top of
	// four looks at each node written in the file; zero means
	// DefaultMaxAliasNodes.
	MaxAliasNodes int
}

func (o Options) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

func (o Options) maxAliasNodes() int {
	if o.MaxAliasNodes > 0 {
		return o.MaxAliasNodes
	}
	return DefaultMaxAliasNodes
}

// Parse reads a scenario from data, in YAML or JSON, with the default
// limits. The name is used in errors and picks the format: a name ending
// in ".json" is read as JSON, anything else as YAML. A valid scenario's
// variants are applied too: one whose edits do not apply, or that makes an
// invalid scenario, is an error at its place in the file. On error it
// returns a zero Scenario and an [Errors] holding every problem found.
func Parse(name string, data []byte) (scenario.Scenario, error) {
	return Options{}.Parse(name, data)
}

// ReadFile reads and parses the scenario file at path with the default
// limits.
func ReadFile(path string) (scenario.Scenario, error) {
	return Options{}.ReadFile(path)
}

// ReadFile reads and parses the scenario file at path. It reads no more
// than the size limit, so that a huge file fails fast.
func (o Options) ReadFile(path string) (scenario.Scenario, error) {
	data, err := o.Read(path)
	if err != nil {
		return scenario.Scenario{}, err
	}
	return o.Parse(path, data)
}

// Read reads the file at path as it is, refusing one larger than the size
// limit with an [Errors] that says so. It never reads more than the limit,
// whatever the file is (a device, a pipe, a file that grows), so that a
// huge file fails fast; the command line and the workbench read files
// through it before they format or serve them.
func (o Options) Read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > o.maxSize() {
		return nil, Errors{o.tooLarge(path, info.Size())}
	}
	data, err := io.ReadAll(io.LimitReader(f, o.maxSize()+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > o.maxSize() { // a file that grew, or a pipe
		return nil, Errors{o.tooLarge(path, -1)}
	}
	return data, nil
}

func (o Options) tooLarge(name string, size int64) *Error {
	what := "more than " + strconv.FormatInt(o.maxSize(), 10)
	if size >= 0 {
		what = strconv.FormatInt(size, 10)
	}
	return &Error{File: name, Line: 1, Column: 1, Err: fmt.Errorf("%w: %s bytes; the limit is %d bytes (raise it with --max-size, or Options.MaxSize)", ErrTooLarge, what, o.maxSize())}
}

// Parse reads a scenario from data, in YAML or JSON, within o's limits.
// See the package's Parse.
func (o Options) Parse(name string, data []byte) (scenario.Scenario, error) {
	root, errs := o.parse(name, data)
	if errs != nil {
		return scenario.Scenario{}, errs
	}
	// The decoder may look at a node it reads more than once (a selector,
	// say, is checked for nothing before its fields are read), so nodes
	// written in the file get room for four visits each; what aliases add
	// beyond that is bounded by the limit.
	d := decoder{file: name, budget: 4*countNodes(root) + o.maxAliasNodes(), aliasNodes: o.maxAliasNodes()}
	s := d.scenario(root)
	d.validate(root, s)
	d.valueVetoes(root, s)
	if len(d.errs) == 0 {
		d.applyVariants(root, s)
	}
	if len(d.errs) > 0 {
		d.sort()
		return scenario.Scenario{}, d.errs
	}
	return s, nil
}

// parse checks the size and syntax of data and returns its YAML tree: the
// document's top node.
func (o Options) parse(name string, data []byte) (*yaml.Node, Errors) {
	if int64(len(data)) > o.maxSize() {
		return nil, Errors{o.tooLarge(name, int64(len(data)))}
	}
	if !utf8.Valid(data) {
		line, col := position(data, invalidUTF8(data))
		return nil, Errors{{File: name, Line: line, Column: col, Err: fmt.Errorf("%w: the file is not UTF-8 text", ErrSyntax)}}
	}
	if EncodingOf(name) == JSON {
		// JSON readers may ignore a byte order mark, which Windows
		// editors write; this one does, as the YAML parser does.
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errors{{File: name, Line: 1, Column: 1, Err: fmt.Errorf("%w: want a scenario, starting with \"entente: 1\"", ErrEmpty)}}
	}
	var sh shifts
	if EncodingOf(name) == JSON {
		// YAML reads most JSON, but also what JSON forbids (trailing
		// commas, comments, unquoted keys); JSON files are held to JSON.
		if err := checkJSON(data); err != nil {
			return nil, Errors{{File: name, Line: err.line, Column: err.col, Err: fmt.Errorf("%w: %s", ErrSyntax, err.msg)}}
		}
		data, sh = joinSurrogates(data)
	}
	pos := positions{lines: oddBreaks(data), sh: sh}
	var doc yaml.Node
	l, err := yaml.NewLoader(bytes.NewReader(data), yaml.WithV3Defaults())
	if err == nil {
		err = l.Load(&doc)
	}
	if err != nil && err != io.EOF {
		return nil, Errors{yamlError(name, data, err, pos)}
	}
	// A second document would be silently lost: say so instead.
	var next yaml.Node
	if err := l.Load(&next); err != nil && err != io.EOF {
		return nil, Errors{yamlError(name, data, err, pos)}
	} else if err == nil && len(next.Content) > 0 && next.Content[0].Tag != "!!null" {
		line, _ := pos.of(max(next.Line, 1), 1)
		return nil, Errors{{File: name, Line: line, Column: 1, Err: fmt.Errorf("%w: a second YAML document (after \"---\"); a scenario file holds one scenario", ErrSyntax)}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return nil, Errors{{File: name, Line: 1, Column: 1, Err: fmt.Errorf("%w: want a scenario, starting with \"entente: 1\"", ErrEmpty)}}
	}
	// Comments set apart at the top or the bottom of the file belong to
	// the document; keep them with the scenario, for Format.
	root := doc.Content[0]
	if doc.HeadComment != "" {
		// A blank line sets it apart, and the YAML library writes one
		// below a comment that ends in two line breaks.
		root.HeadComment = doc.HeadComment + "\n\n" + root.HeadComment
	}
	root.FootComment = joinComments(root.FootComment, doc.FootComment)
	if pos.moves() {
		pos.fixNodes(root)
	}
	if a := aliasedText(root, o.maxSize()); a != nil {
		return nil, Errors{{File: name, Line: a.Line, Column: a.Column, Err: fmt.Errorf("%w: they repeat more than %d bytes of text, the size limit (raise it with --max-size, or Options.MaxSize); is this an alias bomb?", ErrAliases, o.maxSize())}}
	}
	return root, nil
}

// aliasedText returns the alias, in the order of the file, at which the
// text that aliases repeat (every scalar of what each alias stands for,
// keys included) passes limit bytes, or nil. The nodes an alias adds are
// bounded by [Options.MaxAliasNodes]; this bounds their text, so that a
// scenario holds no more text than two files of the size limit could,
// and nothing written from it (a formatted file, a report) grows beyond.
func aliasedText(root *yaml.Node, limit int64) *yaml.Node {
	size := map[*yaml.Node]int64{} // the text of an anchored node, saturating past limit
	var text func(n *yaml.Node) int64
	text = func(n *yaml.Node) int64 {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 0
			}
			n = n.Alias
		}
		if t, ok := size[n]; ok {
			return t
		}
		size[n] = 0 // an alias within its own anchor adds nothing
		t := int64(len(n.Value))
		for _, k := range n.Content {
			t = min(t+text(k), limit+1)
		}
		if n.Anchor != "" {
			size[n] = t
		} else {
			delete(size, n)
		}
		return t
	}
	var added int64
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		if n.Kind == yaml.AliasNode {
			if added += text(n); added > limit {
				return n
			}
			return nil
		}
		for _, k := range n.Content {
			if a := walk(k); a != nil {
				return a
			}
		}
		return nil
	}
	return walk(root)
}

// yamlError turns the YAML library's error into an Error with its
// position in the file.
func yamlError(name string, data []byte, err error, pos positions) *Error {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		msg := le.Message
		if strings.Contains(msg, "tab character") {
			msg += " (indent with spaces, not tabs)"
		} else if charAt(data, le.Mark.Line, le.Mark.Column) == '\t' {
			msg += " (a tab; indent with spaces, not tabs)"
		}
		line, col := pos.of(le.Mark.Line, le.Mark.Column)
		if le.ContextMsg != "" && le.ContextMark.Line > 0 && le.ContextMark.Line != le.Mark.Line {
			from, _ := pos.of(le.ContextMark.Line, 1)
			msg += fmt.Sprintf(" (%s, from line %d)", le.ContextMsg, from)
		}
		if le.Mark.Line < 1 {
			// The library's reader (which rejects control characters)
			// marks only the byte where it stopped.
			line, col = position(data, le.Mark.Index)
		}
		if endLine, endCol := position(data, len(data)); line > endLine {
			// At the end of a file with no final line break, the library
			// marks a line after the last: the error is at the end.
			line, col = endLine, endCol
		}
		return &Error{File: name, Line: line, Column: max(col, 1), Err: fmt.Errorf("%w: %s", ErrSyntax, msg)}
	}
	return &Error{File: name, Line: 1, Column: 1, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
}

// charAt returns the character at a line and column, from 1, or -1.
func charAt(data []byte, line, col int) rune {
	for ; line > 1; line-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return -1
		}
		data = data[i+1:]
	}
	for ; col > 1 && len(data) > 0 && data[0] != '\n'; col-- {
		_, n := utf8.DecodeRune(data)
		data = data[n:]
	}
	if col != 1 || len(data) == 0 {
		return -1
	}
	r, _ := utf8.DecodeRune(data)
	return r
}

// joinSurrogates rewrites the escaped UTF-16 surrogate pairs of a JSON
// file ("\ud83d\ude00", as many JSON writers escape the characters past
// U+FFFF) as the \U escapes that the YAML parser, which reads JSON files
// too, understands. data is valid JSON, so a backslash starts an escape
// inside a string. Each pair shortens its line by two characters; the
// shifts it returns say where, so that positions in the rewritten text
// can be moved back to the file's.
func joinSurrogates(data []byte) ([]byte, shifts) {
	if !bytes.Contains(data, []byte(`\u`)) {
		return data, nil
	}
	var out []byte // nil until there is a pair
	var sh shifts
	cur := newCursor(data)
	onLine := 0 // pairs so far on cur's line
	last := 0
	for i := 0; i+1 < len(data); i++ {
		if data[i] != '\\' {
			continue
		}
		if data[i+1] == 'u' && i+12 <= len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
			hi, err1 := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
			lo, err2 := strconv.ParseUint(string(data[i+8:i+12]), 16, 16)
			if err1 == nil && err2 == nil && 0xD800 <= hi && hi < 0xDC00 && 0xDC00 <= lo && lo < 0xE000 {
				out = append(out, data[last:i]...)
				out = fmt.Appendf(out, `\U%08X`, utf16.DecodeRune(rune(hi), rune(lo)))
				last = i + 12
				line := cur.line
				cur.to(last)
				if cur.line != line {
					onLine = 0
				}
				onLine++
				sh = append(sh, shift{cur.line, cur.col - 2*onLine})
				i += 11
				continue
			}
		}
		i++ // the escaped character
	}
	if out == nil {
		return data, nil
	}
	return append(out, data[last:]...), sh
}

// A cursor walks data forward, counting lines and columns as the YAML
// library does but for U+0085, U+2028 and U+2029 (see [lineStart]): a
// line ends at "\n", "\r\n" or a lone "\r", and a byte order mark takes no
// column. The positions of many offsets, in order, cost one pass.
type cursor struct {
	data           []byte
	off, line, col int
}

// newCursor returns a cursor at the start of data, past its byte order
// mark.
func newCursor(data []byte) cursor {
	return cursor{data: data, off: len(data) - len(bytes.TrimPrefix(data, []byte("\ufeff"))), line: 1, col: 1}
}

// to moves c forward to offset off.
func (c *cursor) to(off int) {
	for c.off < off {
		switch b := c.data[c.off]; {
		case b == '\n' || b == '\r' && (c.off+1 == len(c.data) || c.data[c.off+1] != '\n'):
			c.line, c.col = c.line+1, 1
			c.off++
		case b == '\r': // of "\r\n", whose "\n" ends the line
			c.off++
		default:
			_, n := utf8.DecodeRune(c.data[c.off:])
			c.off += n
			c.col++
		}
	}
}

// A shift is where a rewritten pair ends, at the line and column of the
// rewritten text: everything from there on that line stands two columns
// further right in the file.
type shift struct{ line, col int }

// shifts are the shifts of one file, in the order of the text.
type shifts []shift

// column returns the column in the file of a position in the rewritten
// text.
func (sh shifts) column(line, col int) int {
	from, _ := slices.BinarySearchFunc(sh, line, func(s shift, l int) int { return cmp.Compare(s.line, l) })
	to, _ := slices.BinarySearchFunc(sh, shift{line, col + 1}, func(s, t shift) int {
		return cmp.Or(cmp.Compare(s.line, t.line), cmp.Compare(s.col, t.col))
	})
	return col + 2*(to-from)
}

// A lineStart is where the YAML library starts a line that the file does
// not: after a U+0085, U+2028 or U+2029, which the library counts as line
// breaks and editors, grep and [position] do not. It holds the library's
// line, the file's line, and the column of the break in the file.
type lineStart struct{ yline, line, col int }

// oddBreaks returns the line starts of data's U+0085, U+2028 and U+2029,
// in order, or nil when it has none (as nearly every file has none).
func oddBreaks(data []byte) []lineStart {
	var out []lineStart
	c := newCursor(data)
	for {
		k := bytes.IndexAny(data[c.off:], "\u0085\u2028\u2029")
		if k < 0 {
			return out
		}
		c.to(c.off + k)
		// The library has ended c.line-1 lines at line breaks and len(out)
		// at these; this one starts its next.
		out = append(out, lineStart{c.line + len(out) + 1, c.line, c.col})
		c.to(c.off + 1) // the break itself: one character
	}
}

// positions moves a position the YAML library gives, in the text it read,
// to the file's: its line as editors count lines, and its column before
// joinSurrogates shortened the line.
type positions struct {
	lines []lineStart
	sh    shifts
}

func (p positions) moves() bool { return len(p.lines) > 0 || len(p.sh) > 0 }

// of returns the file's line and column of the library's.
func (p positions) of(yline, ycol int) (line, col int) {
	line, col = yline, ycol
	// The last line start at or before the library's line.
	if i, _ := slices.BinarySearchFunc(p.lines, yline+1, func(s lineStart, y int) int { return cmp.Compare(s.yline, y) }); i > 0 {
		s := p.lines[i-1]
		if s.yline == yline {
			line, col = s.line, s.col+ycol
		} else {
			line = s.line + yline - s.yline
		}
	}
	if len(p.sh) > 0 {
		col = p.sh.column(line, col)
	}
	return line, col
}

// fixNodes moves the positions of n and the nodes within it to the
// file's. Aliases are not followed, so each node is moved once.
func (p positions) fixNodes(n *yaml.Node) {
	n.Line, n.Column = p.of(n.Line, n.Column)
	for _, k := range n.Content {
		p.fixNodes(k)
	}
}

type jsonError struct {
	line, col int
	msg       string
}

// checkJSON reports the first way data is not a single JSON value.
func checkJSON(data []byte) *jsonError {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			off := dec.InputOffset()
			line, col := position(data, int(off))
			return &jsonError{line, col, "more than one JSON value in the file"}
		}
		return nil
	}
	off := int64(len(data))
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
		if off > 0 {
			off-- // the offset is just past the offending byte
		}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
	}
	if b := bytes.TrimRight(data[:off], " \t\r\n"); len(b) > 0 && b[len(b)-1] == ',' && off < int64(len(data)) && (data[off] == '}' || data[off] == ']') {
		msg += " (a trailing comma, which JSON does not allow)"
	}
	if off < int64(len(data)) && (data[off] == '/' || data[off] == '#') {
		msg += " (JSON has no comments; write the file as YAML to keep them)"
	}
	line, col := position(data, int(off))
	return &jsonError{line, col, msg}
}

// position returns the line and column, from 1, of byte offset off, as
// a [cursor] counts them.
func position(data []byte, off int) (line, col int) {
	c := newCursor(data)
	c.to(min(max(off, 0), len(data)))
	return c.line, c.col
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// countNodes counts the nodes written in a tree, not following aliases.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

// decoder turns a YAML tree into a scenario, gathering every problem.
type decoder struct {
	file   string
	errs   Errors
	budget int  // nodes left to visit, aliases included
	stop   bool // the alias budget ran out
	// aliasNodes is the limit the budget was given beyond the nodes
	// written, for the error that says it ran out.
	aliasNodes int
	// alias is the alias followed last: when the budget runs out, most
	// likely the one whose expansion is being visited.
	alias *yaml.Node
	// meant holds the paths of the keys that misspelt keys were taken
	// for, so that the field is not also reported missing.
	meant []string
}

func (d *decoder) fail(n *yaml.Node, path string, err error) {
	if d.full() {
		return
	}
	line, col := 1, 1
	if n != nil {
		line, col = max(n.Line, 1), max(n.Column, 1)
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Column: col, Path: path, Err: err})
}

func (d *decoder) failf(n *yaml.Node, path, format string, args ...any) {
	d.fail(n, path, fmt.Errorf(format, args...))
}

// sort orders the errors by position, then path, keeping their order
// otherwise.
func (d *decoder) sort() {
	slices.SortStableFunc(d.errs, func(a, b *Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Column != b.Column {
			return a.Column - b.Column
		}
		return strings.Compare(a.Path, b.Path)
	})
}

// node follows aliases, charging the alias budget for what they expand
// to; it returns nil once the budget is spent.
func (d *decoder) node(n *yaml.Node) *yaml.Node {
	if d.stop {
		return nil
	}
	for depth := 0; n != nil && n.Kind == yaml.AliasNode; depth++ {
		if n.Alias == nil || depth > 100 {
			return nil
		}
		d.alias = n
		n = n.Alias
	}
	d.budget--
	if d.budget < 0 {
		d.stop = true
		at := n
		if d.alias != nil {
			at = d.alias
		}
		d.failf(at, "", "%w: more than the nodes written plus %d; is this an alias bomb?", ErrAliases, d.aliasNodes)
		return nil
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// fields calls f for each key of the mapping n, reporting keys given twice
// and keys not among known.
func (d *decoder) fields(n *yaml.Node, path string, known []string, f func(key string, k, v *yaml.Node)) {
	n = d.node(n)
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.failf(n, path, "%w: want a mapping of %s, found %s", ErrType, strings.Join(known, ", "), kindName(n))
		return
	}
	var seen keySet
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.node(n.Content[i]), n.Content[i+1]
		if k == nil || d.full() {
			return
		}
		key := k.Value
		at := join(path, key)
		if k.Kind != yaml.ScalarNode {
			d.failf(k, path, "%w: a key must be a name, found %s", ErrType, kindName(k))
			continue
		}
		if key == "<<" {
			d.failf(k, path, "%w: merge keys (<<) are not part of format 1; write the fields out", ErrUnknownKey)
			continue
		}
		if seen.add(key) {
			first := d.firstKey(n, key)
			d.failf(k, at, "%w %q (first at line %d)", ErrDuplicateKey, key, first.Line)
			continue
		}
		if !slices.Contains(known, key) {
			d.fail(k, at, unknownKey(key, known))
			if s := closest(key, known); s != "" {
				d.meant = append(d.meant, join(path, s))
			}
			continue
		}
		f(key, k, v)
		if d.stop {
			return
		}
	}
}

// keySet remembers the keys of one mapping: in a list while there are few,
// in a map once there are many, so that a hostile mapping with a million
// keys costs linear time.
type keySet struct {
	few  []string
	many map[string]bool
}

// add adds key and reports whether it was there already.
func (s *keySet) add(key string) bool {
	if s.many != nil {
		if s.many[key] {
			return true
		}
		s.many[key] = true
		return false
	}
	if slices.Contains(s.few, key) {
		return true
	}
	s.few = append(s.few, key)
	if len(s.few) > 32 {
		s.many = make(map[string]bool, 64)
		for _, k := range s.few {
			s.many[k] = true
		}
	}
	return false
}

// maxErrors bounds the problems reported for one file; past it, a file is
// more likely the wrong file than a scenario with that many mistakes.
const maxErrors = 200

// full reports whether enough problems have been found to stop looking.
func (d *decoder) full() bool { return len(d.errs) >= maxErrors }

func (d *decoder) firstKey(n *yaml.Node, key string) *yaml.Node {
	for j := 0; j < len(n.Content); j += 2 {
		if k := n.Content[j]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return n
}

func unknownKey(key string, known []string) error {
	if key == "by" {
		switch {
		case slices.Contains(known, "provider-in"): // a selector
			return fmt.Errorf("%w %q: only rejects-veto takes by", ErrUnknownKey, key)
		case slices.Contains(known, "rejects-veto"): // a position
			return fmt.Errorf("%w %q: by goes inside rejects-veto, as in rejects-veto: {by: [RU], beneficiary: UA}", ErrUnknownKey, key)
		}
	}
	if key == "at" && slices.Contains(known, "rejects-veto") { // a position
		return fmt.Errorf("%w %q: only replace-position takes at", ErrUnknownKey, key)
	}
	if key == "likelihood" {
		switch {
		case slices.Contains(known, "provider-in"): // a selector
			return fmt.Errorf("%w %q: a likelihood goes beside the selector, on the position or veto, as in {actor: US, refuses: {kind: military}, likelihood: 0.7}", ErrUnknownKey, key)
		case slices.Contains(known, "add-guarantee"): // an edit
			return fmt.Errorf("%w %q: a likelihood goes inside the guarantee, position or veto the edit brings", ErrUnknownKey, key)
		default:
			return fmt.Errorf("%w %q: only guarantees, positions and granted vetoes take a likelihood", ErrUnknownKey, key)
		}
	}
	if best := closest(key, known); best != "" {
		return fmt.Errorf("%w %q; did you mean %q?", ErrUnknownKey, key, best)
	}
	return fmt.Errorf("%w %q; want one of %s", ErrUnknownKey, key, strings.Join(known, ", "))
}

// closest returns the known key closest to key, or "" when none is close.
// The other words for a likelihood are close to it.
func closest(key string, known []string) string {
	if slices.Contains(likelihoodWords, key) && slices.Contains(known, "likelihood") {
		return "likelihood"
	}
	s, _ := suggest.Closest(key, known)
	return s
}

// likelihoodWords are the words people may write for a likelihood.
var likelihoodWords = []string{"probability", "chance", "likely"}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// list calls f for each item of the sequence n. Nothing (null) is an empty
// list.
func (d *decoder) list(n *yaml.Node, path, what string, f func(i int, item *yaml.Node, at string)) {
	n = d.node(n)
	if n == nil || isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.failf(n, path, "%w: want a list of %s, found %s", ErrType, what, kindName(n))
		return
	}
	for i, item := range n.Content {
		f(i, item, index(path, i))
		if d.stop {
			return
		}
	}
}

// str returns the text of a scalar. Nothing (null) is the empty string.
func (d *decoder) str(n *yaml.Node, path string) string {
	n = d.node(n)
	if n == nil || isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.failf(n, path, "%w: want text, found %s", ErrType, kindName(n))
		return ""
	}
	return n.Value
}

// strs returns a list of scalars as strings of type T; nil when empty.
func strs[T ~string](d *decoder, n *yaml.Node, path, what string) []T {
	var out []T
	d.list(n, path, what, func(_ int, item *yaml.Node, at string) {
		out = append(out, T(d.str(item, at)))
	})
	return out
}

// integer returns the value of an integer scalar.
func (d *decoder) integer(n *yaml.Node, path string) int {
	n = d.node(n)
	if n == nil || isNull(n) {
		return 0
	}
	v, err := strconv.Atoi(n.Value)
	if n.Kind == yaml.ScalarNode && err == nil && n.Tag == "!!str" {
		d.failf(n, path, "%w: want a whole number, found the text %q (write it without quotes)", ErrType, n.Value)
		return 0
	}
	if n.Kind != yaml.ScalarNode || err != nil || n.Tag != "!!int" {
		d.failf(n, path, "%w: want a whole number, found %s", ErrType, kindName(n))
		return 0
	}
	return v
}

// boolean returns the value of a true or false scalar. Nothing (null) is
// false; anything else, the text "true" in quotes included, is reported.
func (d *decoder) boolean(n *yaml.Node, path string) bool {
	n = d.node(n)
	if n == nil || isNull(n) {
		return false
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && (n.Value == "true" || n.Value == "false") {
			d.failf(n, path, "%w: want true or false, found the text %q (write it without quotes)", ErrType, n.Value)
			return false
		}
		d.failf(n, path, "%w: want true or false, found %s", ErrType, kindName(n))
		return false
	}
	return b
}

// likelihood returns the value of a likelihood: a number from 0 to 1,
// written as a YAML or JSON number (0.7, 1, 0). Nothing (null) is no
// likelihood: certain. A value that is not one is reported, and read as
// no likelihood.
func (d *decoder) likelihood(n *yaml.Node, path string) *float64 {
	n = d.node(n)
	if n == nil || isNull(n) {
		return nil
	}
	var p float64
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" || n.Decode(&p) != nil {
		d.fail(n, path, likelihoodType(n))
		return nil
	}
	if !guarantee.ValidLikelihood(p) { // NaN too
		hint := ""
		if p > 1 && p == math.Trunc(p) { // 70, meant as 70%
			hint = percentHint(p)
		}
		d.failf(n, path, "%w: %s%s", guarantee.ErrLikelihood, n.Value, hint)
		return nil
	}
	if p == 0 {
		p = 0 // -0, which reads as 0 and writes as 0
	}
	return &p
}

// likelihoodType is the error of a likelihood that is not a number: the
// text of a number, in quotes or as a percentage, says how to write it.
func likelihoodType(n *yaml.Node) error {
	const want = "want a number from 0 to 1"
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		if pct, ok := strings.CutSuffix(strings.TrimSpace(n.Value), "%"); ok {
			if p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64); err == nil && decimal(pct) {
				return fmt.Errorf("%w: %s, found %q%s", ErrType, want, n.Value, percentHint(p))
			}
		}
		quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		if _, err := strconv.ParseFloat(n.Value, 64); err == nil && quoted && decimal(n.Value) {
			return fmt.Errorf("%w: %s, found the text %q (write it without quotes)", ErrType, want, n.Value)
		}
	}
	return fmt.Errorf("%w: %s, found %s", ErrType, want, kindName(n))
}

// decimal reports whether s is written with digits, a point, signs and
// exponents only, as a number in a file is: not NaN, Inf or hexadecimal.
func decimal(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789.eE+-") == ""
}

// percentHint says how to write p percent as a likelihood ("70%" as 0.7),
// or returns "" when p is not a percentage from 0 to 100.
func percentHint(p float64) string {
	if !(p >= 0 && p <= 100) {
		return ""
	}
	pct := strconv.FormatFloat(p, 'g', -1, 64)
	q, err := strconv.ParseFloat(pct+"e-2", 64) // exact in decimal, unlike p/100
	if err != nil {
		return ""
	}
	return fmt.Sprintf(" (for %s%%, write %s)", pct, strconv.FormatFloat(q, 'g', -1, 64))
}

// Keys of format 1, in canonical order. The likelihood of guarantees,
// positions and vetoes, and parties-aside on actors and guarantees, are
// extensions of format 1.
var (
	topKeys       = []string{"entente", "name", "as-of", "description", "sources", "actors", "guarantees", "positions", "vetoes", "timeline", "values", "variants"}
	sourceKeys    = []string{"id", "title", "url", "date", "note"}
	actorKeys     = []string{"id", "name", "kind", "members", "decides", "threshold", "vetoes", "parties-aside", "note", "sources"}
	guaranteeKeys = []string{"id", "provider", "beneficiary", "kind", "target", "location", "strength", "trigger", "activation", "parties-aside", "requires", "likelihood", "mandate", "note", "sources"}
	selectorKeys  = []string{"kind", "provider", "provider-in", "beneficiary", "target", "location", "ids"}
	stanceKeys    = []string{"refuses", "rejects", "requires", "demands-veto", "rejects-veto"}
	positionKeys  = []string{"id", "actor", "refuses", "rejects", "requires", "demands-veto", "rejects-veto", "likelihood", "note", "sources"}
	vetoKeys      = []string{"holder", "over", "likelihood", "note", "sources"}

	// Keys of mandates and dated timeline entries, an extension of format
	// 1.
	mandateKeys     = []string{"body", "every", "from", "ends", "parties-aside"}
	withMandateKeys = append([]string{"guarantee"}, mandateKeys...)
	datedEventKeys  = []string{"date", "event"}
	// Keys of the values section, an extension of format 1.
	valueKeys  = []string{"actor", "disagreement", "weights"}
	weightKeys = []string{"weight", "select", "veto"}

	// Keys of the variants section, an extension of format 1.
	variantKeys = []string{"name", "note", "sources", "edits"}
	editKeys    = []string{"without", "add-actor", "add-guarantee", "add-position", "replace-actor", "replace-guarantee", "replace-position", "grant", "revoke", "set", "with-mandate", "without-mandate"}
	// replacePositionKeys are a position's keys and at, the position to
	// replace.
	replacePositionKeys = append([]string{"at"}, positionKeys...)
	revokeKeys          = []string{"holder", "over"}
	setKeys             = []string{"field", "to"}
)

func (d *decoder) scenario(root *yaml.Node) scenario.Scenario {
	var s scenario.Scenario
	version := -1
	d.fields(root, "", topKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "entente":
			before := len(d.errs)
			version = d.integer(v, key)
			if version != 1 && len(d.errs) == before {
				d.failf(v, key, "%w: this is format %d; this version of entente reads format 1", ErrVersion, version)
			}
		case "name":
			s.Name = d.str(v, key)
		case "as-of":
			s.AsOf = d.str(v, key)
		case "description":
			s.Description = d.str(v, key)
		case "sources":
			d.list(v, key, "sources", func(_ int, item *yaml.Node, at string) { s.Sources = append(s.Sources, d.source(item, at)) })
		case "actors":
			d.list(v, key, "actors", func(_ int, item *yaml.Node, at string) { s.Actors = append(s.Actors, d.actor(item, at)) })
		case "guarantees":
			d.list(v, key, "guarantees", func(_ int, item *yaml.Node, at string) {
				s.Guarantees = append(s.Guarantees, d.guarantee(item, at))
			})
		case "positions":
			d.list(v, key, "positions", func(_ int, item *yaml.Node, at string) {
				s.Positions = append(s.Positions, d.position(item, at, nil))
			})
		case "vetoes":
			d.list(v, key, "vetoes", func(_ int, item *yaml.Node, at string) { s.Vetoes = append(s.Vetoes, d.veto(item, at)) })
		case "timeline":
			d.list(v, key, "events", func(_ int, item *yaml.Node, at string) {
				// An entry that does not read keeps its place, so that
				// validation's paths lead to the entries they name.
				e, _ := d.timelineEvent(item, at)
				s.Timeline = append(s.Timeline, e)
			})
		case "values":
			d.list(v, key, "values", func(_ int, item *yaml.Node, at string) { s.Values = append(s.Values, d.value(item, at)) })
		case "variants":
			d.list(v, key, "variants", func(_ int, item *yaml.Node, at string) {
				s.Variants = append(s.Variants, d.variant(item, at))
			})
		}
	})
	if version == -1 && !d.stop && root.Kind == yaml.MappingNode {
		d.failf(root, "entente", "%w: missing; start the file with \"entente: 1\"", ErrVersion)
	}
	return s
}

func (d *decoder) source(n *yaml.Node, path string) scenario.Source {
	var src scenario.Source
	d.fields(n, path, sourceKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "id":
			src.ID = d.str(v, at)
		case "title":
			src.Title = d.str(v, at)
		case "url":
			src.URL = d.str(v, at)
		case "date":
			src.Date = d.str(v, at)
		case "note":
			src.Note = d.str(v, at)
		}
	})
	return src
}

func (d *decoder) actor(n *yaml.Node, path string) actor.Actor {
	var a actor.Actor
	d.fields(n, path, actorKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "id":
			a.ID = actor.ID(d.str(v, at))
		case "name":
			a.Name = d.str(v, at)
		case "kind":
			a.Kind = parsed(d, v, at, actor.ParseKind, false)
		case "members":
			a.Members = strs[actor.ID](d, v, at, "actor IDs")
		case "decides":
			a.Decides = parsed(d, v, at, actor.ParseDecision, false)
		case "threshold":
			a.Threshold = d.integer(v, at)
		case "vetoes":
			a.Vetoes = strs[actor.ID](d, v, at, "actor IDs")
		case "parties-aside":
			a.PartiesAside = d.boolean(v, at)
		case "note":
			a.Note = d.str(v, at)
		case "sources":
			a.Sources = strs[string](d, v, at, "source IDs or citations")
		}
	})
	return a
}

func (d *decoder) guarantee(n *yaml.Node, path string) guarantee.Guarantee {
	var g guarantee.Guarantee
	d.fields(n, path, guaranteeKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "id":
			g.ID = guarantee.ID(d.str(v, at))
		case "provider":
			g.Provider = actor.ID(d.str(v, at))
		case "beneficiary":
			g.Beneficiary = actor.ID(d.str(v, at))
		case "kind":
			g.Kind = guarantee.Kind(d.str(v, at))
		case "target":
			g.Target = actor.ID(d.str(v, at))
		case "location":
			g.Location = d.str(v, at)
		case "strength":
			g.Strength = parsed(d, v, at, guarantee.ParseStrength, false)
		case "trigger":
			g.Trigger = parsed(d, v, at, guarantee.ParseCondition, true)
		case "activation":
			aside := g.Activation.PartiesAside // keys come in any order
			g.Activation = parsed(d, v, at, guarantee.ParseActivation, true)
			g.Activation.PartiesAside = aside
		case "parties-aside":
			g.Activation.PartiesAside = d.boolean(v, at)
		case "requires":
			g.Requires = strs[guarantee.ID](d, v, at, "guarantee IDs")
		case "likelihood":
			g.Likelihood = d.likelihood(v, at)
		case "mandate":
			g.Mandate = d.mandate(v, at, nil)
		case "note":
			g.Note = d.str(v, at)
		case "sources":
			g.Sources = strs[string](d, v, at, "source IDs or citations")
		}
	})
	return g
}

// mandate reads a guarantee's mandate: who renews it, how often, from
// when, and when it ends. Every key may be left out; what the Go model
// needs of them together is for validation to say. id receives the
// guarantee key when the mandate belongs to a with-mandate edit. A
// mapping with no key at all is no mandate, and is reported: an empty
// mandate says nothing a reader can act on.
func (d *decoder) mandate(n *yaml.Node, path string, id *string) guarantee.Mandate {
	var m guarantee.Mandate
	known := mandateKeys
	if id != nil {
		known = withMandateKeys
	}
	if v := d.node(n); v != nil && isNull(v) {
		d.failf(v, path, "%w: want a mandate such as {body: UNSC, every: 6 months}", ErrType)
		return m
	}
	before := len(d.errs)
	d.fields(n, path, known, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "guarantee":
			*id = d.str(v, at)
		case "body":
			m.Body = actor.ID(d.str(v, at))
		case "every":
			m.Every = parsed(d, v, at, guarantee.ParsePeriod, false)
		case "from":
			m.From = d.date(v, at)
		case "ends":
			m.Ends = d.date(v, at)
		case "parties-aside":
			m.PartiesAside = d.boolean(v, at)
		}
	})
	if m.IsZero() && len(d.errs) == before && !d.stop {
		if v := d.node(n); v != nil && v.Kind == yaml.MappingNode {
			d.failf(v, path, "%w: a mandate needs a body that renews it, an end date (ends), or both", guarantee.ErrMissing)
		}
	}
	return m
}

// date reads a calendar date, YYYY-MM-DD, by the text of its scalar: YAML
// reads an unquoted 2009-06-15 as a timestamp, whose text is the date as
// written. A date that is not one is reported, and read as none.
func (d *decoder) date(n *yaml.Node, path string) string {
	text := d.str(n, path)
	if text == "" {
		return ""
	}
	if _, err := guarantee.ParseDate(text); err != nil {
		d.fail(n, path, err)
		return ""
	}
	return text
}

// parsed reads a scalar through parse and returns its value; nothing
// leaves the zero value. A parse error is reported at the scalar, at the
// column it points to when pointed is true (conditions and activations).
func parsed[T any](d *decoder, v *yaml.Node, at string, parse func(string) (T, error), pointed bool) T {
	text := d.str(v, at)
	if text == "" {
		var zero T
		return zero
	}
	x, err := parse(text)
	if err != nil {
		if pointed {
			d.syntax(v, at, err)
		} else {
			d.fail(v, at, err)
		}
	}
	return x
}

// syntax reports a malformed condition or activation at the column it
// points to, within the scalar that holds it.
func (d *decoder) syntax(n *yaml.Node, path string, err error) {
	n = d.node(n)
	var se *guarantee.SyntaxError
	if n == nil || !errors.As(err, &se) {
		d.fail(n, path, err)
		return
	}
	at := *n
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !strings.Contains(se.Input, "\n") {
		at.Column += se.Column - 1
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			at.Column++
		}
	}
	d.failf(&at, path, "%s in %q", se.Msg, words.Clip(se.Input, 60))
}

// selector reads a selector; by receives the by list when the selector
// belongs to a rejects-veto position.
func (d *decoder) selector(n *yaml.Node, path string, by *[]actor.ID) guarantee.Selector {
	var s guarantee.Selector
	known := selectorKeys
	if by != nil {
		known = append(slices.Clone(selectorKeys), "by")
	}
	if m := d.node(n); m != nil && isNull(m) {
		d.failf(m, path, "%w: want a selector such as {kind: military}; write {} to pick every guarantee", ErrType)
		return s
	}
	d.fields(n, path, known, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "kind":
			s.Kind = guarantee.Kind(d.str(v, at))
		case "provider":
			s.Provider = actor.ID(d.str(v, at))
		case "provider-in":
			s.ProviderIn = actor.ID(d.str(v, at))
		case "beneficiary":
			s.Beneficiary = actor.ID(d.str(v, at))
		case "target":
			s.Target = actor.ID(d.str(v, at))
		case "location":
			s.Location = d.str(v, at)
		case "ids":
			s.IDs = strs[guarantee.ID](d, v, at, "guarantee IDs")
		case "by":
			*by = strs[actor.ID](d, v, at, "actor IDs")
		}
	})
	return s
}

// position reads a position; where receives the at key when the position
// belongs to a replace-position edit.
func (d *decoder) position(n *yaml.Node, path string, where *string) scenario.Position {
	var p scenario.Position
	stanceKey := ""
	before := len(d.errs)
	known := positionKeys
	if where != nil {
		known = replacePositionKeys
	}
	d.fields(n, path, known, func(key string, k, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "at":
			*where = d.str(v, at)
		case "id":
			p.ID = d.str(v, at)
		case "actor":
			p.Actor = actor.ID(d.str(v, at))
		case "likelihood":
			p.Likelihood = d.likelihood(v, at)
		case "note":
			p.Note = d.str(v, at)
		case "sources":
			p.Sources = strs[string](d, v, at, "source IDs or citations")
		default: // a stance
			if stanceKey != "" {
				d.failf(k, at, "a position takes one stance; this one has both %s and %s (split it in two)", stanceKey, key)
				return
			}
			stanceKey = key
			p.Stance, _ = scenario.ParseStance(key)
			var by *[]actor.ID
			if p.Stance == scenario.RejectsVeto {
				by = &p.By
			}
			p.Select = d.selector(v, at, by)
		}
	})
	// An unknown key of the position that is not a misspelt id, actor,
	// likelihood, note or sources is most likely the stance, misspelt or
	// misnamed; its error says what to write.
	misnamed := slices.ContainsFunc(d.errs[before:], func(e *Error) bool {
		key, ok := strings.CutPrefix(e.Path, path+".")
		s := closest(key, known)
		return ok && errors.Is(e, ErrUnknownKey) && (s == "" || slices.Contains(stanceKeys, s))
	})
	if stanceKey == "" && !d.stop && !misnamed {
		if m := d.node(n); m != nil && m.Kind == yaml.MappingNode {
			d.failf(m, path, "a position needs one of %s", strings.Join(stanceKeys, ", "))
		}
	}
	return p
}

func (d *decoder) veto(n *yaml.Node, path string) scenario.Veto {
	var v scenario.Veto
	d.fields(n, path, vetoKeys, func(key string, _, val *yaml.Node) {
		at := join(path, key)
		switch key {
		case "holder":
			v.Holder = actor.ID(d.str(val, at))
		case "over":
			v.Over = d.selector(val, at, nil)
		case "likelihood":
			v.Likelihood = d.likelihood(val, at)
		case "note":
			v.Note = d.str(val, at)
		case "sources":
			v.Sources = strs[string](d, val, at, "source IDs or citations")
		}
	})
	return v
}

// timelineEvent reads an entry of the timeline: an event as text
// (undated), or a mapping {date: 2009-06-15, event: renewal(UNSC)}.
func (d *decoder) timelineEvent(n *yaml.Node, path string) (guarantee.Event, bool) {
	m := d.node(n)
	if m == nil || m.Kind != yaml.MappingNode {
		return d.event(n, path)
	}
	var e guarantee.Event
	ok, date, seen, split := false, "", false, false
	before := len(d.errs)
	d.fields(m, path, datedEventKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "date":
			date = d.date(v, at)
		case "event":
			seen = true
			if t := d.node(v); t != nil && m.Style&yaml.FlowStyle != 0 && t.Kind == yaml.ScalarNode &&
				t.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && strings.Count(t.Value, "(") > strings.Count(t.Value, ")") {
				// {date: ..., event: attack(RU, GE)}: the comma ended
				// the value.
				d.failf(t, at, "%w: in {...} a comma ends the value; quote the event, as in {date: 2008-08-08, event: \"attack(RU, GE)\"}", ErrSyntax)
				split = true
				return
			}
			e, ok = d.event(v, at)
		}
	})
	if split {
		// The rest of the event, read as keys ("UA)"), is the same
		// mistake: say it once.
		d.errs = slices.DeleteFunc(d.errs, func(e *Error) bool {
			return errors.Is(e, ErrUnknownKey) && strings.HasPrefix(e.Path, path+".") && strings.HasSuffix(e.Path, ")")
		})
	}
	if !seen && len(d.errs) == before && !d.stop && !slices.Contains(d.meant, join(path, "event")) {
		d.failf(m, join(path, "event"), "%w: a dated entry needs its event, as in {date: 2009-06-15, event: renewal(UNSC)}", guarantee.ErrMissing)
	}
	if !ok {
		return guarantee.Event{}, false
	}
	e.Date = date
	return e, true
}

// value reads one actor's values.
func (d *decoder) value(n *yaml.Node, path string) scenario.Value {
	var v scenario.Value
	d.fields(n, path, valueKeys, func(key string, _, val *yaml.Node) {
		at := join(path, key)
		switch key {
		case "actor":
			v.Actor = actor.ID(d.str(val, at))
		case "disagreement":
			v.Disagreement = d.number(val, at)
		case "weights":
			d.list(val, at, "weights", func(_ int, item *yaml.Node, wat string) { v.Weights = append(v.Weights, d.weight(item, wat)) })
		}
	})
	return v
}

// weight reads one weight of a value: a number, and a selector or the
// demands-veto position whose candidate veto it values. A file writes
// exactly one of the two. scenario.Weight tells them apart by Veto alone,
// its zero Select picking every guarantee, so only the decoder can tell
// select: {} from no select at all, and it checks the rule.
func (d *decoder) weight(n *yaml.Node, path string) scenario.Weight {
	var w scenario.Weight
	var sel, veto bool
	before := len(d.errs)
	d.fields(n, path, weightKeys, func(key string, _, val *yaml.Node) {
		at := join(path, key)
		switch key {
		case "weight":
			w.Weight = d.number(val, at)
		case "select":
			sel = true
			w.Select = d.selector(val, at, nil)
		case "veto":
			veto = true
			w.Veto = d.str(val, at)
		}
	})
	// As when Validate said it, a weight with a problem of its own already
	// reported (a misspelt key) is not also said to lack a term.
	if m := d.node(n); m != nil && m.Kind == yaml.MappingNode && sel == veto && len(d.errs) == before {
		d.fail(m, path, scenario.ErrWeightTerm)
	}
	return w
}

// number returns a finite number written as a YAML or JSON number (3,
// -0.5, 1e3). A value that is not one (text, NaN, infinities) is
// reported, and read as 0.
func (d *decoder) number(n *yaml.Node, path string) float64 {
	n = d.node(n)
	if n == nil {
		return 0
	}
	var x float64
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" || n.Decode(&x) != nil {
		quoted := n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		if _, err := strconv.ParseFloat(n.Value, 64); err == nil && quoted && decimal(n.Value) {
			d.failf(n, path, "%w: want a number, found the text %q (write it without quotes)", ErrType, n.Value)
		} else {
			d.failf(n, path, "%w: want a number, found %s", ErrType, kindName(n))
		}
		return 0
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		d.failf(n, path, "%w: want a finite number, found %s", ErrType, n.Value)
		return 0
	}
	if x == 0 {
		x = 0 // -0
	}
	return x
}

func (d *decoder) event(n *yaml.Node, path string) (guarantee.Event, bool) {
	before := len(d.errs)
	text := d.str(n, path)
	if text == "" {
		if len(d.errs) == before && !d.stop {
			d.failf(n, path, "want an event, such as peace-deal or attack(RU, UA)")
		}
		return guarantee.Event{}, false
	}
	e, err := guarantee.ParseEvent(text)
	if err != nil {
		d.syntax(n, path, err)
		return guarantee.Event{}, false
	}
	return e, true
}

// variant reads a variant: its name, note, sources and edits, of which it
// needs at least one.
func (d *decoder) variant(n *yaml.Node, path string) scenario.Variant {
	var v scenario.Variant
	edits := false
	d.fields(n, path, variantKeys, func(key string, _, val *yaml.Node) {
		at := join(path, key)
		switch key {
		case "name":
			v.Name = d.str(val, at)
		case "note":
			v.Note = d.str(val, at)
		case "sources":
			v.Sources = strs[string](d, val, at, "source IDs or citations")
		case "edits":
			edits = true
			before := len(d.errs)
			d.list(val, at, "edits", func(_ int, item *yaml.Node, at string) {
				if e := d.edit(item, at); e != nil {
					v.Edits = append(v.Edits, e)
				}
			})
			if len(v.Edits) == 0 && len(d.errs) == before && !d.stop {
				d.failf(val, at, "a variant needs at least one edit")
			}
		}
	})
	at := join(path, "edits")
	if !edits && !d.stop && !slices.Contains(d.meant, at) {
		if m := d.node(n); m != nil && m.Kind == yaml.MappingNode {
			d.failf(m, at, "%w: a variant needs at least one edit", guarantee.ErrMissing)
		}
	}
	return v
}

// edit reads one edit: a mapping of exactly one of editKeys, whose value
// is read as the same part of a scenario is (a whole actor for add-actor,
// a granted veto for grant). It returns nil when the mapping names no
// edit.
func (d *decoder) edit(n *yaml.Node, path string) scenario.Edit {
	var e scenario.Edit
	first := ""
	before := len(d.errs)
	d.fields(n, path, editKeys, func(key string, k, v *yaml.Node) {
		at := join(path, key)
		if first != "" {
			d.failf(k, at, "an edit makes one change; this one has both %s and %s (split it in two)", first, key)
			return
		}
		first = key
		switch key {
		case "without":
			n := len(d.errs)
			id := d.str(v, at)
			if id == "" && len(d.errs) == n && !d.stop {
				d.failf(v, at, "%w: want the ID of an actor, a guarantee or a position", guarantee.ErrMissing)
			}
			e = scenario.Without{ID: id}
		case "add-actor":
			e = scenario.AddActor{Actor: d.actor(v, at)}
		case "add-guarantee":
			e = scenario.AddGuarantee{Guarantee: d.guarantee(v, at)}
		case "add-position":
			e = scenario.AddPosition{Position: d.position(v, at, nil)}
		case "replace-actor":
			e = scenario.ReplaceActor{Actor: d.actor(v, at)}
		case "replace-guarantee":
			e = scenario.ReplaceGuarantee{Guarantee: d.guarantee(v, at)}
		case "replace-position":
			var r scenario.ReplacePosition
			r.Position = d.position(v, at, &r.At)
			e = r
		case "grant":
			e = scenario.Grant{Veto: d.veto(v, at)}
		case "revoke":
			e = d.revoke(v, at)
		case "set":
			e = d.set(v, at)
		case "with-mandate":
			var w scenario.WithMandate
			var id string
			w.Mandate = d.mandate(v, at, &id)
			w.Guarantee = guarantee.ID(id)
			if id == "" && !d.stop && !slices.Contains(d.meant, join(at, "guarantee")) {
				if m := d.node(v); m != nil && m.Kind == yaml.MappingNode {
					d.failf(m, join(at, "guarantee"), "%w: want the ID of the guarantee the mandate is for", guarantee.ErrMissing)
				}
			}
			e = w
		case "without-mandate":
			n := len(d.errs)
			id := d.str(v, at)
			if id == "" && len(d.errs) == n && !d.stop {
				d.failf(v, at, "%w: want the ID of a guarantee", guarantee.ErrMissing)
			}
			e = scenario.WithoutMandate{Guarantee: guarantee.ID(id)}
		}
	})
	// An unknown key is most likely the edit, misspelt; its error says
	// what to write.
	if first == "" && !d.stop && len(d.errs) == before {
		if m := d.node(n); m != nil && m.Kind == yaml.MappingNode {
			d.failf(m, path, "an edit needs one of %s", strings.Join(editKeys, ", "))
		}
	}
	return e
}

func (d *decoder) revoke(n *yaml.Node, path string) scenario.Revoke {
	var r scenario.Revoke
	d.fields(n, path, revokeKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "holder":
			r.Holder = actor.ID(d.str(v, at))
		case "over":
			over := d.selector(v, at, nil)
			r.Over = &over
		}
	})
	return r
}

// set reads a set edit. Its value, to, is text, a number, or a list,
// whose items it joins with ", " as Set reads lists.
func (d *decoder) set(n *yaml.Node, path string) scenario.Set {
	var s scenario.Set
	d.fields(n, path, setKeys, func(key string, _, v *yaml.Node) {
		at := join(path, key)
		switch key {
		case "field":
			s.Field = d.str(v, at)
		case "to":
			if m := d.node(v); m != nil && m.Kind == yaml.SequenceNode {
				s.Value = strings.Join(strs[string](d, m, at, "values"), ", ")
			} else if m != nil && m.Kind == yaml.MappingNode {
				d.failf(m, at, "%w: want text, a number or a list, found a mapping", ErrType)
			} else {
				s.Value = d.str(m, at)
			}
		}
	})
	return s
}

// validate runs the scenario's own validation and reports its problems at
// the places in the file their paths lead to. A problem at a path where
// decoding already found one is not reported twice.
func (d *decoder) validate(root *yaml.Node, s scenario.Scenario) {
	if d.stop {
		return
	}
	err := scenario.Validate(s)
	var ves scenario.Errors
	if !errors.As(err, &ves) {
		return
	}
	decoded := len(d.errs)
	for _, ve := range ves {
		if d.full() {
			break
		}
		if slices.ContainsFunc(d.errs[:decoded], func(e *Error) bool { return within(ve.Path, e.Path) || within(e.Path, ve.Path) && e.Path != "" }) {
			continue
		}
		if errors.Is(ve.Err, guarantee.ErrMissing) && slices.Contains(d.meant, ve.Path) {
			continue // reported as a misspelt key
		}
		d.fail(locate(root, ve.Path), ve.Path, ve.Err)
	}
}

// valueVetoes reports the weights of values whose veto names a position
// of the file that demands no veto, which Validate leaves to the caller.
func (d *decoder) valueVetoes(root *yaml.Node, s scenario.Scenario) {
	if d.stop {
		return
	}
	var ves scenario.Errors
	if !errors.As(scenario.CheckValueVetoes(s), &ves) {
		return
	}
	for _, ve := range ves {
		if d.full() {
			break
		}
		// A name no position has is left to entente bargain to warn of:
		// a file edited by hand may remove a position its values weigh.
		if errors.Is(ve.Err, scenario.ErrNoSuchPosition) {
			continue
		}
		if slices.ContainsFunc(d.errs, func(e *Error) bool { return within(ve.Path, e.Path) || within(e.Path, ve.Path) && e.Path != "" }) {
			continue
		}
		d.fail(locate(root, ve.Path), ve.Path, ve.Err)
	}
}

// applyVariants applies each variant of s, which is valid. A variant that
// does not apply is reported at the edit that fails; any other error, at
// its name.
func (d *decoder) applyVariants(root *yaml.Node, s scenario.Scenario) {
	for i, v := range s.Variants {
		if d.full() {
			return
		}
		path := index("variants", i)
		// With checks each edit so that a valid scenario stays valid (the
		// scenario package's property tests hold it to that), so the
		// variant is not validated again: a file of many variants costs
		// each variant's edits, not a whole validation each.
		_, err := s.Variant(v.Name)
		if err == nil {
			continue
		}
		if ee, ok := errors.AsType[*scenario.EditError](err); ok {
			at := index(join(path, "edits"), ee.Index)
			d.fail(locate(root, at), at, ee)
			continue
		}
		name := locate(root, join(path, "name"))
		if ves, ok := errors.AsType[scenario.Errors](err); ok {
			for _, ve := range ves {
				d.fail(name, path, fmt.Errorf("the scenario it makes is not valid: %w", ve))
			}
			continue
		}
		d.fail(name, path, err)
	}
}

// within reports whether path is base or lies under it.
func within(path, base string) bool {
	return path == base || strings.HasPrefix(path, base) && (path[len(base)] == '.' || path[len(base)] == '[')
}

// locate finds the node a path leads to, or the deepest node on the way
// when the path goes past what the file holds (a missing field points at
// the mapping it belongs in). It does not follow aliases past the first
// level, which is enough for the paths validation reports.
func locate(root *yaml.Node, path string) *yaml.Node {
	n := root
	for _, seg := range splitPath(path) {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		next := step(n, seg)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// splitPath splits "positions[0].refuses.by[1]" into "positions", "[0]",
// "refuses", "by", "[1]".
func splitPath(path string) []string {
	var segs []string
	for part := range strings.SplitSeq(path, ".") {
		for part != "" {
			i := strings.IndexByte(part, '[')
			switch {
			case i < 0:
				segs = append(segs, part)
				part = ""
			case i > 0:
				segs = append(segs, part[:i])
				part = part[i:]
			default:
				j := strings.IndexByte(part, ']')
				if j < 0 {
					return segs
				}
				segs = append(segs, part[:j+1])
				part = part[j+1:]
			}
		}
	}
	return segs
}

func step(n *yaml.Node, seg string) *yaml.Node {
	if strings.HasPrefix(seg, "[") {
		i, err := strconv.Atoi(seg[1 : len(seg)-1])
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == seg {
			return n.Content[i+1]
		}
	}
	return nil
}
