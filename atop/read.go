package atop

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrEmpty, ErrColumn and the other sentinels are what an *Error wraps, for
// callers that test which problem it was.
var (
	ErrEmpty     = errors.New("empty file: no header line")
	ErrColumn    = errors.New("missing column")
	ErrNumber    = errors.New("not a whole number")
	ErrUnknown   = errors.New("member of an alliance the alliance file does not have")
	ErrNoMembers = errors.New("alliance with no members")
	ErrDuplicate = errors.New("alliance already read")
	ErrSyntax    = errors.New("malformed CSV")
	ErrTooLarge  = errors.New("file too large")
	ErrTooMany   = errors.New("too many members")
)

// DefaultMaxSize is the largest ATOP file read unless told otherwise, as
// for scenario files: 8 MiB. 4.01's member file is 0.5 MB.
const DefaultMaxSize = 8 << 20

// MaxMembers is the most members a phase may have. ATOP's largest
// alliances have about 60; the limit keeps a made-up file from costing
// minutes and gigabytes (a check grows faster than its members).
const MaxMembers = 300

// maxPhase is the largest phase number read; 4.01's largest is 4.
const maxPhase = 999

// Options are the limits of a reading. The zero Options reads with the
// defaults.
type Options struct {
	// MaxSize is the largest file, in bytes, that is read; zero means
	// DefaultMaxSize. A larger file is an error (ErrTooLarge).
	MaxSize int64
}

func (o Options) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

func (o Options) tooLarge(name string, line int, size string) error {
	return &Error{File: name, Line: line, Column: 1,
		Err: fmt.Errorf("%w: %s bytes; the limit is %d bytes (raise it with --max-size, or Options.MaxSize)", ErrTooLarge, size, o.maxSize())}
}

// limited reads at most n bytes of r, and then fails with ErrTooLarge if
// r has more.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		for {
			k, err := l.r.Read(one[:])
			if k > 0 {
				return 0, ErrTooLarge
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// Error is a problem in an ATOP file, at a line and column, in a field
// named by its column header. Column counts bytes from 1, as the file's
// editors show it; Line counts lines from 1, the header being line 1.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string // the column's header, where one is concerned
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Column)
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Alliance is one row of ATOP's alliance-level file: what the reading uses
// of it.
type Alliance struct {
	ID         int
	Begin, End Date // End is zero while the alliance was in force when the data end
	Terms
	Line int // where the row is, for messages
}

// Terms are an alliance's terms as ATOP codes them: how long it lasts,
// how it is renewed, and the states it names as threats. The alliance
// file gives them once per alliance; ATOP 4.01's member file repeats them
// on every row, per phase, and there they change where a phase changed
// them (see [Record.Phases]).
type Terms struct {
	SpecLength    int // speclgth: 0 none, 1 a length, 2 until an event, 3 both
	Length        int // length, in months
	Renewal       int // proren: 0 none, 1 by a new act, 2 automatic unless renounced
	RenewalLength int // renewlgt, in months
	Threats       []int
}

// Member is one row of ATOP's member-level file: one member of one
// alliance in one phase, with that member's own obligations.
type Member struct {
	Alliance    int
	State       int // member, a Correlates of War state code
	Phase       int
	Entry, Exit Date // Exit is zero while the member was in when the data end
	Obligations [nTypes]Obligation
	// Terms are the alliance's terms in this phase, when the member file
	// has their columns (HasTerms); else the alliance file's hold.
	Terms    Terms
	HasTerms bool
	Line     int
}

// Obligation is one of a member's obligations as ATOP codes it: whether it
// is present, and the conditions on it.
type Obligation struct {
	Present    bool
	Conditions Condition // a set of Condition bits
}

// Date is a date as ATOP codes it; a zero month or day is unknown.
type Date struct{ Year, Month, Day int }

// IsZero reports whether d is no date at all.
func (d Date) IsZero() bool { return d.Year == 0 }

// Less reports whether d comes before e, unknown months and days first.
func (d Date) Less(e Date) bool {
	return d.compare(e) < 0
}

func (d Date) compare(e Date) int {
	if c := d.Year - e.Year; c != 0 {
		return c
	}
	if c := d.Month - e.Month; c != 0 {
		return c
	}
	return d.Day - e.Day
}

// String writes d as YYYY-MM-DD, an unknown month or day as the first, a day past the end of its month as its last.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	m := max(d.Month, 1)
	last := time.Date(d.Year, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, m, min(max(d.Day, 1), last))
}

// Record is the alliance record as read: every alliance, and every member
// row, in the order of the files.
type Record struct {
	// Version is the ATOP version the files say they are ("4.01"), from
	// their version column; empty when they do not say.
	Version   string
	Alliances []Alliance
	Members   []Member
	// Files names the two files read, for citations and messages.
	AllianceFile, MemberFile string
}

// ReadFiles reads the alliance file and the member file at the two paths,
// with the default limits.
func ReadFiles(alliances, members string) (*Record, error) {
	return Options{}.ReadFiles(alliances, members)
}

// ReadDir reads the alliance and member files of a folder, with the
// default limits; see [Options.ReadDir].
func ReadDir(dir string) (*Record, error) { return Options{}.ReadDir(dir) }

// Read reads the two files, with the default limits; see [Options.Read].
func Read(aname string, alliances io.Reader, mname string, members io.Reader) (*Record, error) {
	return Options{}.Read(aname, alliances, mname, members)
}

// ReadFiles reads the alliance file and the member file at the two paths.
// A file larger than MaxSize is an error before any of it is read.
func (o Options) ReadFiles(alliances, members string) (*Record, error) {
	a, err := os.Open(alliances)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	m, err := os.Open(members)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	for _, f := range []*os.File{a, m} {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > o.maxSize() {
			return nil, o.tooLarge(f.Name(), 1, strconv.FormatInt(info.Size(), 10))
		}
	}
	return o.Read(alliances, a, members, m)
}

// ReadDir reads the alliance and member files of a folder, named as ATOP
// names them: the one file whose name ends in a.csv and the one ending in
// m.csv (atop4_01a.csv and atop4_01m.csv, atop5_1a.csv and atop5_1m.csv).
func (o Options) ReadDir(dir string) (*Record, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	a, err := filepath.Glob(filepath.Join(dir, "atop*a.csv"))
	if err != nil {
		return nil, err
	}
	m, err := filepath.Glob(filepath.Join(dir, "atop*m.csv"))
	if err != nil {
		return nil, err
	}
	if len(a) != 1 || len(m) != 1 {
		return nil, fmt.Errorf("%s: want one ATOP alliance file (atop*a.csv) and one member file (atop*m.csv), found %d and %d", dir, len(a), len(m))
	}
	return o.ReadFiles(a[0], m[0])
}

// Read reads ATOP's alliance-level and member-level files, naming them
// aname and mname in errors. Columns are found by their headers, so the
// layouts of 4.01 and 5.x both read and extra columns are ignored; a byte
// order mark and CRLF line ends are accepted. An empty cell reads as 0,
// ATOP's "not coded". Every problem is an *Error with the file, line,
// column and field; the first one found is returned. A file longer than
// MaxSize, a phase of more than MaxMembers members, a member row of an
// alliance the alliance file lacks, and an alliance no member row names
// are errors.
func (o Options) Read(aname string, alliances io.Reader, mname string, members io.Reader) (*Record, error) {
	r := &Record{AllianceFile: aname, MemberFile: mname}
	alliances = &limited{alliances, o.maxSize()}
	members = &limited{members, o.maxSize()}
	type place struct{ line, col int }
	seen := map[int]place{} // where each atopid stands in the alliance file
	version := ""
	err := readRows(o, aname, alliances, allianceColumns, func(row *row) error {
		a := Alliance{Line: row.line}
		a.ID = row.int("atopid")
		a.Begin = Date{row.int("begyr"), row.int("begmo"), row.int("begday")}
		a.End = Date{row.int("endyr"), row.int("endmo"), row.int("endday")}
		a.Terms = row.terms()
		row.date("begyr", "begmo", "begday")
		row.date("endyr", "endmo", "endday")
		if row.err != nil {
			return row.err
		}
		if a.ID <= 0 {
			return row.errorf("atopid", "an alliance needs a positive atopid, found %q", row.cell("atopid"))
		}
		if p, ok := seen[a.ID]; ok {
			return row.wrap("atopid", fmt.Errorf("%w: atopid %d is already on line %d", ErrDuplicate, a.ID, p.line))
		}
		line, col := row.pos("atopid")
		seen[a.ID] = place{line, col}
		if version == "" {
			version = row.version()
		}
		r.Alliances = append(r.Alliances, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	type key struct{ id, phase int }
	states := map[key]map[int]bool{}
	err = readRows(o, mname, members, memberColumns, func(row *row) error {
		m := Member{Line: row.line}
		m.Alliance = row.int("atopid")
		m.State = row.int("member")
		m.Phase = row.int("phase")
		m.Entry = Date{row.int("yrent"), row.int("moent"), row.int("dayent")}
		m.Exit = Date{row.int("yrexit"), row.int("moexit"), row.int("dayexit")}
		row.within("phase", 0, maxPhase)
		row.date("yrent", "moent", "dayent")
		row.date("yrexit", "moexit", "dayexit")
		if m.HasTerms = row.has(termColumns...); m.HasTerms {
			m.Terms = row.terms()
		}
		for o := range nTypes {
			m.Obligations[o].Present = row.int(o.column()) == 1
			for _, c := range o.conditions() {
				if row.optInt(c.column) != 0 {
					m.Obligations[o].Conditions |= c.bit
				}
			}
		}
		if row.err != nil {
			return row.err
		}
		if _, ok := seen[m.Alliance]; !ok {
			return row.wrap("atopid", fmt.Errorf("%w: atopid %d is not in %s", ErrUnknown, m.Alliance, aname))
		}
		if m.State <= 0 {
			return row.errorf("member", "a member needs a positive state code, found %q", row.cell("member"))
		}
		k := key{m.Alliance, m.Phase}
		if states[k] == nil {
			states[k] = map[int]bool{}
		}
		if states[k][m.State] = true; len(states[k]) > MaxMembers {
			return row.wrap("member", fmt.Errorf("%w: atopid %d phase %d has more than %d members (ATOP's largest alliances have about 60)", ErrTooMany, m.Alliance, m.Phase, MaxMembers))
		}
		if version == "" {
			version = row.version()
		}
		r.Members = append(r.Members, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// An alliance no member row names would vanish from every phase, and
	// from every count, without a word.
	named := make(map[int]bool, len(r.Alliances))
	for k := range states {
		named[k.id] = true
	}
	for _, a := range r.Alliances {
		if !named[a.ID] {
			p := seen[a.ID]
			return nil, &Error{File: aname, Line: p.line, Column: p.col, Field: "atopid",
				Err: fmt.Errorf("%w: atopid %d has no rows in %s", ErrNoMembers, a.ID, mname)}
		}
	}
	r.Version = version
	return r, nil
}

// termColumns are the columns of an alliance's Terms.
var termColumns = []string{"speclgth", "length", "proren", "renewlgt", "statthr1", "statthr2"}

var allianceColumns = append([]string{"atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday"}, termColumns...)

// terms reads the columns of an alliance's Terms.
func (w *row) terms() Terms {
	t := Terms{
		SpecLength:    w.int("speclgth"),
		Length:        w.int("length"),
		Renewal:       w.int("proren"),
		RenewalLength: w.int("renewlgt"),
	}
	w.within("length", 0, maxMonths)
	w.within("renewlgt", 0, maxMonths)
	for _, c := range []string{"statthr1", "statthr2"} {
		if n := w.int(c); n > 0 && !slices.Contains(t.Threats, n) {
			t.Threats = append(t.Threats, n)
		}
	}
	return t
}

// has reports whether the file has every one of the named columns.
func (w *row) has(names ...string) bool {
	for _, n := range names {
		if _, ok := w.cols[n]; !ok {
			return false
		}
	}
	return true
}

var memberColumns = []string{"atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
	"defense", "offense", "neutral", "nonagg", "consul"}

// row is one record of a CSV file with its header, collecting the first
// problem met in reading its cells.
type row struct {
	file string
	line int
	cols map[string]int
	rec  []string
	r    *csv.Reader
	err  error
}

func (w *row) cell(name string) string {
	i, ok := w.cols[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(w.rec[i])
}

func (w *row) pos(name string) (line, col int) {
	i, ok := w.cols[name]
	if !ok {
		return w.line, 1
	}
	return w.r.FieldPos(i)
}

func (w *row) wrap(name string, err error) error {
	line, col := w.pos(name)
	return &Error{File: w.file, Line: line, Column: col, Field: name, Err: err}
}

func (w *row) errorf(name, format string, args ...any) error {
	return w.wrap(name, fmt.Errorf(format, args...))
}

// int reads a whole number in the named column; empty is 0. The first
// problem is kept in w.err.
func (w *row) int(name string) int {
	s := w.cell(name)
	if s == "" || w.err != nil {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		// Stata writes whole numbers as 1.0 at times; take those.
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			return int(f)
		}
		w.err = w.wrap(name, fmt.Errorf("%w: %q", ErrNumber, s))
		return 0
	}
	if n < -1e9 || n > 1e9 { // no code of ATOP's comes near
		w.err = w.wrap(name, fmt.Errorf("%w: %q is out of range", ErrNumber, s))
		return 0
	}
	return n
}

// maxMonths is the longest length or renewal the reading takes, a
// century: the longest period of a mandate.
const maxMonths = 1200

// within checks that the named column holds a number from lo to hi.
func (w *row) within(name string, lo, hi int) {
	if _, ok := w.cols[name]; !ok || w.err != nil {
		return
	}
	if n := w.int(name); w.err == nil && (n < lo || n > hi) {
		w.err = w.errorf(name, "want a number from %d to %d, found %d", lo, hi, n)
	}
}

// date checks the columns of a date: a year up to 3000 (0 for none), so that a length added to it stays a date,
// a month from 0 to 12 and a day from 0 to 31 (0 for unknown).
func (w *row) date(year, month, day string) {
	w.within(year, 0, 3000)
	w.within(month, 0, 12)
	w.within(day, 0, 31)
}

// optInt reads a column that the layout may not have, as 0 when it is absent.
func (w *row) optInt(name string) int {
	if _, ok := w.cols[name]; !ok {
		return 0
	}
	return w.int(name)
}

// version reads the version column, if there is one, as "4.01": the
// alliance file of 4.01 writes it as a float, 4.0100002.
func (w *row) version() string {
	s := w.cell("version")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || f > 1000 {
		return ""
	}
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// readRows reads a CSV file with a header, checks that it has the needed
// columns, and calls each for every row after it.
func readRows(o Options, name string, in io.Reader, needed []string, each func(*row) error) error {
	r := csv.NewReader(in)
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return &Error{File: name, Line: 1, Column: 1, Err: ErrEmpty}
	}
	if errors.Is(err, ErrTooLarge) {
		return o.tooLarge(name, 1, fmt.Sprintf("more than %d", o.maxSize()))
	}
	if err != nil {
		return csvError(name, err)
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	var missing []string
	for _, c := range needed {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		what := "an ATOP alliance file (atop*a.csv)"
		if slices.Contains(needed, "member") {
			what = "an ATOP member file (atop*m.csv)"
		}
		return &Error{File: name, Line: 1, Column: 1, Field: missing[0],
			Err: fmt.Errorf("%w: %s has no column %s; is this %s?", ErrColumn, name, strings.Join(missing, ", "), what)}
	}
	w := &row{file: name, line: 1, cols: cols, r: r}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, ErrTooLarge) {
			return o.tooLarge(name, w.line+1, fmt.Sprintf("more than %d", o.maxSize()))
		}
		if err != nil {
			return csvError(name, err)
		}
		w.rec, w.err = rec, nil
		w.line, _ = r.FieldPos(0)
		if err := each(w); err != nil {
			return err
		}
	}
}

// csvError turns encoding/csv's error into an *Error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: the line is cut short or has extra cells"
		}
		return &Error{File: name, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%w: %s", ErrSyntax, msg)}
	}
	return &Error{File: name, Line: 1, Column: 1, Err: err}
}
