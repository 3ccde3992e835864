package guarantee

import (
	"fmt"
	"hash/maphash"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entente-go/entente/actor"
)

// Names of the events the SDK gives a meaning to. Any other name is an
// event too; it simply has no special role.
const (
	// EventAttack, as attack(A, B), says A attacks B. A is an attacker of
	// any trigger that names the event.
	EventAttack = "attack"
	// EventViolation, as violation(A), says A violates the deal. A is an
	// attacker of any trigger that names the event.
	EventViolation = "violation"
	// EventPeaceDeal says a peace deal is reached.
	EventPeaceDeal = "peace-deal"
	// EventCeasefire says a ceasefire holds.
	EventCeasefire = "ceasefire"
)

// Anyone is the attacker of a trigger that answers an attack by whoever
// makes it: attack(*, B) is an attack on B by anyone, violation(*) a
// violation by anyone ("an armed attack against one of them", NATO's
// Article 5). It stands only as the first argument of an attack or a
// violation in a condition. It names no actor: [Condition.Attackers]
// leaves it out, and a timeline, where every event names who did it,
// refuses it ([ParseEvent], [Event.CheckHappened]). An event attack(X, B)
// makes attack(*, B) hold, with X the attacker of that call
// ([Event.Admits]).
const Anyone actor.ID = "*"

// Event is something that happens: a name and the actors it involves, as in
// "peace-deal" or "attack(RU, UA)". An event of a timeline may carry the
// date it happened; an event in a condition never does.
type Event struct {
	Name string
	Args []actor.ID
	// Date is when the event happened, YYYY-MM-DD, for an event of a
	// timeline; empty when undated. String and Equal ignore it.
	Date string
}

// String returns the event as written: "peace-deal", "attack(RU, UA)".
func (e Event) String() string {
	var buf [64]byte
	return string(e.appendText(buf[:0]))
}

func (e Event) appendText(b []byte) []byte {
	b = append(b, e.Name...)
	if len(e.Args) == 0 {
		return b
	}
	b = append(b, '(')
	for i, a := range e.Args {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, a...)
	}
	return append(b, ')')
}

// Equal reports whether e and f are the same event.
func (e Event) Equal(f Event) bool { return e.Name == f.Name && slices.Equal(e.Args, f.Args) }

// Attacker returns the actor an attack or a violation is by: the first
// argument of an "attack" or "violation" event. For attack(*, B) and
// violation(*) it is [Anyone].
func (e Event) Attacker() (actor.ID, bool) {
	if isAttackName(e.Name) && len(e.Args) > 0 {
		return e.Args[0], true
	}
	return "", false
}

func isAttackName(name string) bool { return name == EventAttack || name == EventViolation }

// ByAnyone reports whether e is an attack or a violation by [Anyone]:
// attack(*, B) or violation(*).
func (e Event) ByAnyone() bool {
	return isAttackName(e.Name) && len(e.Args) > 0 && e.Args[0] == Anyone
}

// Admits reports whether f happening makes e hold: f equals e, or e is
// attack(*, B) or violation(*) and f is the same event by a named
// attacker (attack(X, B), violation(X)).
func (e Event) Admits(f Event) bool {
	if !e.ByAnyone() || f.ByAnyone() || e.Name != f.Name || len(e.Args) != len(f.Args) {
		return e.Equal(f)
	}
	return slices.Equal(e.Args[1:], f.Args[1:])
}

// AsAnyone returns e with [Anyone] as its attacker: attack(X, B) becomes
// attack(*, B) and violation(X) becomes violation(*). An event that is no
// attack or violation comes back unchanged.
func (e Event) AsAnyone() Event {
	if !isAttackName(e.Name) || len(e.Args) == 0 || e.Args[0] == Anyone {
		return e
	}
	args := make([]actor.ID, len(e.Args))
	copy(args, e.Args)
	args[0] = Anyone
	e.Args = args
	return e
}

// CheckHappened returns an error if e cannot be an event that happened,
// as a timeline records it: one that names [Anyone] as its attacker. An
// event that happened names who did it.
func (e Event) CheckHappened() error {
	if e.ByAnyone() {
		return errAnyoneHappened(e)
	}
	return nil
}

func errAnyoneHappened(e Event) error {
	named := e
	named.Args = append([]actor.ID{"X"}, e.Args[1:]...)
	return fmt.Errorf("an event that happened names who did it: write %s with X the attacker, not %s; %s (anyone) belongs in a trigger", named, e, Anyone)
}

// Op is the operator at the top of a [Condition]. The zero Op is [Always].
type Op uint8

const (
	// Always is the empty condition: it holds from the moment the deal holds.
	Always Op = iota
	// OnEvent holds once its event has happened.
	OnEvent
	// All holds when every sub-condition holds.
	All
	// Any holds when at least one sub-condition holds.
	Any
	// Not holds when its one sub-condition does not.
	Not
)

// Condition says when a guarantee is due: an event, or all, any or not of
// other conditions. The zero Condition is [Always]. Conditions are written
// and parsed in the grammar of scenario files:
//
//	condition = call | name
//	call      = name "(" [ arg { "," arg } ] ")"
//	arg       = condition | actor-id
//
// where all(c, ...), any(c, ...) and not(c) combine conditions and every
// other name is an event whose arguments are actor IDs.
type Condition struct {
	Op    Op
	Event Event       // when Op is OnEvent
	Sub   []Condition // when Op is All, Any or Not
}

// On returns the condition that holds once the named event has happened.
func On(name string, args ...actor.ID) Condition {
	return Condition{Op: OnEvent, Event: Event{Name: name, Args: args}}
}

// AllOf returns the condition that holds when all of cs hold.
func AllOf(cs ...Condition) Condition { return Condition{Op: All, Sub: cs} }

// AnyOf returns the condition that holds when any of cs holds.
func AnyOf(cs ...Condition) Condition { return Condition{Op: Any, Sub: cs} }

// NotOf returns the condition that holds when c does not.
func NotOf(c Condition) Condition { return Condition{Op: Not, Sub: []Condition{c}} }

// Attack returns the condition "attack(by, on)": by attacks on.
func Attack(by, on actor.ID) Condition { return On(EventAttack, by, on) }

// AttackOn returns the condition "attack(*, on)": an attack on on by
// anyone, the trigger of most defence pacts ("an armed attack against
// one of them").
func AttackOn(on actor.ID) Condition { return On(EventAttack, Anyone, on) }

// ViolationByAnyone returns the condition "violation(*)": a violation of
// the deal by anyone.
func ViolationByAnyone() Condition { return On(EventViolation, Anyone) }

// IsAlways reports whether c is the empty condition.
func (c Condition) IsAlways() bool { return c.Op == Always }

// String returns c in the grammar [ParseCondition] reads, with ", "
// between arguments; the empty condition is "".
func (c Condition) String() string {
	var buf [64]byte
	return string(c.appendText(buf[:0]))
}

// AppendText implements [encoding.TextAppender], appending
// [Condition.String]'s form to b. With [Condition.MarshalText] and
// [Condition.UnmarshalText] it makes a condition its text in any
// encoding, as scenario files write it; the text loses nothing, since a
// condition's events carry no dates.
func (c Condition) AppendText(b []byte) ([]byte, error) { return c.appendText(b), nil }

// MarshalText implements [encoding.TextMarshaler]: [Condition.String]'s form.
func (c Condition) MarshalText() ([]byte, error) { return c.appendText(nil), nil }

// UnmarshalText implements [encoding.TextUnmarshaler], reading what
// [ParseCondition] reads.
func (c *Condition) UnmarshalText(text []byte) error {
	p, err := ParseCondition(string(text))
	if err != nil {
		return err
	}
	*c = p
	return nil
}

// opNames are the operators of conditions as written.
var opNames = [...]string{All: "all", Any: "any", Not: "not"}

func (c Condition) appendText(b []byte) []byte {
	switch c.Op {
	case OnEvent:
		b = c.Event.appendText(b)
	case All, Any, Not:
		b = append(b, opNames[c.Op]...)
		b = append(b, '(')
		for i, s := range c.Sub {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = s.appendText(b)
		}
		b = append(b, ')')
	}
	return b
}

// Holds reports whether c holds when exactly the events for which happened
// returns true have happened. The empty condition always holds. happened
// is asked about the events as c writes them, attack(*, B) included: it
// should answer true when some event that it [Event.Admits] has happened.
func (c Condition) Holds(happened func(Event) bool) bool {
	switch c.Op {
	case OnEvent:
		return happened(c.Event)
	case All:
		for _, s := range c.Sub {
			if !s.Holds(happened) {
				return false
			}
		}
		return true
	case Any:
		return slices.ContainsFunc(c.Sub, func(s Condition) bool { return s.Holds(happened) })
	case Not:
		return len(c.Sub) == 1 && !c.Sub[0].Holds(happened)
	}
	return true
}

// smallDedup is how many events (or attackers) [Condition.Events] and
// [Condition.AppendAttackers] deduplicate by scanning what they kept so
// far, which costs nothing beyond the result. Past it they switch to a
// hash table or a set, so that a condition naming tens of thousands of
// events costs time linear in its size, not quadratic.
const smallDedup = 32

// Events returns every event c names, in the order written, each once.
// The cost is linear in the size of c.
func (c Condition) Events() []Event {
	n := c.countEvents()
	if n == 0 {
		return nil
	}
	if n <= smallDedup {
		out := make([]Event, 0, n)
		for e := range c.All() {
			if !slices.ContainsFunc(out, e.Equal) {
				out = append(out, e)
			}
		}
		return out
	}
	// An open-addressing table of positions in out, plus one, at least
	// twice as large as the events written, so that probes stay short.
	size := 1
	for size < 2*n {
		size <<= 1
	}
	table := make([]int32, size)
	mask := uint64(size - 1)
	var out []Event
	for e := range c.All() {
		for i := e.hash() & mask; ; i = (i + 1) & mask {
			k := table[i]
			if k == 0 {
				out = append(out, e)
				table[i] = int32(len(out))
				break
			}
			if out[k-1].Equal(e) {
				break
			}
		}
	}
	return out
}

// countEvents returns how many events c names, repeats included.
func (c Condition) countEvents() int {
	n := 0
	if c.Op == OnEvent {
		n++
	}
	for _, s := range c.Sub {
		n += s.countEvents()
	}
	return n
}

// hashSeed seeds the hashes of events. Which seed it is changes no result:
// the order of [Condition.Events] is the order written.
var hashSeed = maphash.MakeSeed()

// hash returns a hash of e that is the same for events that are
// [Event.Equal].
func (e Event) hash() uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	h.WriteString(e.Name)
	for _, a := range e.Args {
		h.WriteByte(0) // no valid name or ID holds a NUL
		h.WriteString(string(a))
	}
	return h.Sum64()
}

// All returns every event c names, in the order written, repeats included.
// Unlike [Condition.Events] it allocates nothing.
func (c Condition) All() iter.Seq[Event] {
	return func(yield func(Event) bool) { c.each(yield) }
}

func (c Condition) each(yield func(Event) bool) bool {
	if c.Op == OnEvent && !yield(c.Event) {
		return false
	}
	for _, s := range c.Sub {
		if !s.each(yield) {
			return false
		}
	}
	return true
}

// Attackers returns, sorted and each once, every actor named as the first
// argument of an "attack" or "violation" event anywhere in c, under any
// operator, "not" included: the actors the guarantee is meant to answer.
// [Anyone] names no actor and is not among them; [Condition.ByAnyone]
// tells whether c admits any attacker.
func (c Condition) Attackers() []actor.ID { return c.AppendAttackers(nil) }

// AppendAttackers appends c's attackers to dst, sorted and each once
// within what it appends, and returns the extended slice. The cost is
// n·log n in the size of c.
func (c Condition) AppendAttackers(dst []actor.ID) []actor.ID {
	n := len(dst)
	var seen map[actor.ID]struct{} // past smallDedup attackers
	for e := range c.All() {
		a, ok := e.Attacker()
		if !ok || a == Anyone {
			continue
		}
		if seen != nil {
			if _, dup := seen[a]; dup {
				continue
			}
			seen[a] = struct{}{}
		} else if slices.Contains(dst[n:], a) {
			continue
		} else if len(dst)-n == smallDedup {
			seen = make(map[actor.ID]struct{}, 2*smallDedup)
			for _, x := range dst[n:] {
				seen[x] = struct{}{}
			}
			seen[a] = struct{}{}
		}
		dst = append(dst, a)
	}
	slices.Sort(dst[n:])
	return dst
}

// HasAttacker reports whether a is an attacker of c, named as such:
// HasAttacker(X) is false for attack(*, B) alone.
func (c Condition) HasAttacker(a actor.ID) bool {
	for e := range c.All() {
		if x, ok := e.Attacker(); ok && x == a && a != Anyone {
			return true
		}
	}
	return false
}

// ByAnyone reports whether c names an attack or a violation by [Anyone]
// anywhere, under any operator, "not" included.
func (c Condition) ByAnyone() bool {
	for e := range c.All() {
		if e.ByAnyone() {
			return true
		}
	}
	return false
}

// AdmitsAnyone reports whether an attack or a violation by anyone can
// make c hold: whether c names one by [Anyone] under an even number of
// "not" (none, most often). all(peace-deal, not(attack(*, UA))) names one
// but admits no attacker: an attack ends it.
func (c Condition) AdmitsAnyone() bool {
	for range c.Admitted() {
		return true
	}
	return false
}

// Admitted returns the attacks and violations by [Anyone] that c names
// under an even number of "not", in the order written: those whose
// happening can make c hold.
func (c Condition) Admitted() iter.Seq[Event] {
	return func(yield func(Event) bool) { c.admitted(false, yield) }
}

func (c Condition) admitted(neg bool, yield func(Event) bool) bool {
	if c.Op == OnEvent && !neg && c.Event.ByAnyone() && !yield(c.Event) {
		return false
	}
	for _, s := range c.Sub {
		if !s.admitted(neg != (c.Op == Not), yield) {
			return false
		}
	}
	return true
}

// satBudget bounds the work [Condition.Satisfiable] does on one condition:
// how many operators and events it may evaluate in all.
const satBudget = 1 << 22

// Satisfiable reports whether some set of events makes c hold. A condition
// such as all(peace-deal, not(peace-deal)) never holds. Events are taken as
// independent: any of them may or may not have happened.
//
// The search backtracks over the events c names, pruning with three-valued
// evaluation, so it is fast for conditions of the size people write. On a
// condition so large and tangled that the search exceeds a fixed budget, it
// gives up and reports true (may hold), so that it never hangs and never
// calls a live condition dead.
func (c Condition) Satisfiable() bool {
	if !c.hasNot() {
		return true // without negation, "every event happened" satisfies it
	}
	// Number the events once, in the order written, so that an evaluation
	// costs one visit per operator and event and the budget bounds the time.
	s := satSearch{ids: map[string]int32{}}
	root := s.compile(c)
	s.val = make([]int8, len(s.ids)) // 0 unknown, 1 happened, -1 not
	if s.anyone {
		s.linkAnyone(c)
	}
	var search func(k int) bool
	search = func(k int) bool {
		switch s.eval(&root) {
		case 1:
			return true
		case -1:
			return false
		}
		if k == len(s.val) || s.work > satBudget {
			return s.work > satBudget
		}
		for _, v := range [...]int8{1, -1} {
			s.val[k] = v
			if !s.consistent(int32(k)) {
				continue
			}
			if search(k + 1) {
				return true
			}
		}
		s.val[k] = 0
		return false
	}
	return search(0)
}

func (c Condition) hasNot() bool {
	if c.Op == Not {
		return true
	}
	for _, s := range c.Sub {
		if s.hasNot() {
			return true
		}
	}
	return false
}

// satSearch is the state of one [Condition.Satisfiable] search.
type satSearch struct {
	ids  map[string]int32 // event number by eventKey
	val  []int8           // per event number: 0 unknown, 1 happened, -1 not
	work int              // operators and events evaluated so far

	// Events are independent but for one link: attack(X, B) having
	// happened makes attack(*, B) hold. links holds (named, anyone) pairs
	// of event numbers; a choice that has the first happen and not the
	// second is no set of events.
	links  [][2]int32
	of     [][]int32 // per event number, the links it takes part in
	anyone bool      // some event is by anyone
}

// linkAnyone finds, for each event of c by a named attacker, the same
// event by anyone among c's events.
func (s *satSearch) linkAnyone(c Condition) {
	linked := make([]bool, len(s.ids))
	for e := range c.All() {
		if _, ok := e.Attacker(); !ok || e.ByAnyone() {
			continue
		}
		i := s.ids[eventKey(e)]
		w, ok := s.ids[eventKey(e.AsAnyone())]
		if !ok || linked[i] {
			continue
		}
		linked[i] = true
		if s.of == nil {
			s.of = make([][]int32, len(s.ids))
		}
		l := int32(len(s.links))
		s.links = append(s.links, [2]int32{i, w})
		s.of[i] = append(s.of[i], l)
		s.of[w] = append(s.of[w], l)
	}
}

// consistent reports whether the values chosen so far respect the links
// that event k takes part in.
func (s *satSearch) consistent(k int32) bool {
	if s.of == nil {
		return true
	}
	for _, i := range s.of[k] {
		s.work++
		if l := s.links[i]; s.val[l[0]] == 1 && s.val[l[1]] == -1 {
			return false
		}
	}
	return true
}

// satNode is a condition with its events numbered.
type satNode struct {
	op  Op
	ev  int32 // the event's number, when op is OnEvent
	sub []satNode
}

func (s *satSearch) compile(c Condition) satNode {
	n := satNode{op: c.Op}
	if c.Op == OnEvent {
		key := eventKey(c.Event)
		id, ok := s.ids[key]
		if !ok {
			id = int32(len(s.ids))
			s.ids[key] = id
			s.anyone = s.anyone || c.Event.ByAnyone()
		}
		n.ev = id
	}
	if len(c.Sub) > 0 {
		n.sub = make([]satNode, len(c.Sub))
		for i, sub := range c.Sub {
			n.sub[i] = s.compile(sub)
		}
	}
	return n
}

// eventKey returns a string that is the same for two events exactly when
// they are [Event.Equal].
func eventKey(e Event) string {
	b := strconv.AppendInt(nil, int64(len(e.Name)), 10)
	b = append(b, ':')
	b = append(b, e.Name...)
	for _, a := range e.Args {
		b = strconv.AppendInt(b, int64(len(a)), 10)
		b = append(b, ':')
		b = append(b, a...)
	}
	return string(b)
}

// eval evaluates n in three-valued logic: 1 true, -1 false, 0 unknown.
func (s *satSearch) eval(n *satNode) int8 {
	s.work++
	switch n.op {
	case OnEvent:
		return s.val[n.ev]
	case All, Any:
		unit, zero := int8(1), int8(-1) // identity and absorbing value for All
		if n.op == Any {
			unit, zero = -1, 1
		}
		r := unit
		for i := range n.sub {
			switch s.eval(&n.sub[i]) {
			case zero:
				return zero
			case 0:
				r = 0
			}
		}
		return r
	case Not:
		if len(n.sub) == 1 {
			return -s.eval(&n.sub[0])
		}
	}
	return 1
}

// MaxDepth is how deeply conditions may nest. A deeper one is a syntax
// error, so that no input can exhaust the stack.
const MaxDepth = 64

// SyntaxError is a malformed condition or activation. Column counts
// characters from 1 within Input.
type SyntaxError struct {
	Input  string
	Column int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("column %d: %s in %q", e.Column, e.Msg, e.Input)
}

// ParseCondition parses a condition in the grammar documented on
// [Condition]. Whitespace is free. The empty string (or only spaces) parses
// as the empty condition. ParseCondition(c.String()) returns c for every
// condition it returned.
func ParseCondition(s string) (Condition, error) {
	p := parser{in: s}
	p.space()
	if p.pos == len(s) {
		return Condition{}, nil
	}
	c, err := p.condition(0)
	if err != nil {
		return Condition{}, err
	}
	p.space()
	if p.pos != len(s) {
		return Condition{}, p.errorf("unexpected %s after the condition", p.quoteNext())
	}
	return c, nil
}

// MustParseCondition is like [ParseCondition] but panics on error. It is
// meant for conditions written in Go source.
func MustParseCondition(s string) Condition {
	c, err := ParseCondition(s)
	if err != nil {
		panic(err)
	}
	return c
}

type parser struct {
	in  string
	pos int
}

func (p *parser) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Input: p.in, Column: utf8.RuneCountInString(p.in[:p.pos]) + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) quoteNext() string {
	if p.pos >= len(p.in) {
		return "end"
	}
	r, _ := utf8.DecodeRuneInString(p.in[p.pos:])
	return fmt.Sprintf("%q", r)
}

func (p *parser) space() {
	for p.pos < len(p.in) && (p.in[p.pos] == ' ' || p.in[p.pos] == '\t' || p.in[p.pos] == '\n' || p.in[p.pos] == '\r') {
		p.pos++
	}
}

// word reads a run of ID characters (letters, digits, '-', '_').
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.in) && actor.IsIDByte(p.in[p.pos]) {
		p.pos++
	}
	return p.in[start:p.pos]
}

func (p *parser) peek(c byte) bool {
	p.space()
	return p.pos < len(p.in) && p.in[p.pos] == c
}

func (p *parser) condition(depth int) (Condition, error) {
	if depth >= MaxDepth {
		return Condition{}, p.errorf("conditions nest deeper than %d levels", MaxDepth)
	}
	p.space()
	start := p.pos
	name := p.word()
	if name == "" {
		return Condition{}, p.errorf("want an event name or all, any, not; found %s", p.quoteNext())
	}
	if strings.IndexByte(name, '_') >= 0 {
		p.pos = start + strings.IndexByte(name, '_')
		return Condition{}, p.errorf("an event name has letters, digits and '-' only; found '_' in %q", name)
	}
	if len(name) > maxEventLen {
		p.pos = start
		return Condition{}, p.errorf("an event name has at most %d characters; found %d", maxEventLen, len(name))
	}
	op := OnEvent
	switch name {
	case "all":
		op = All
	case "any":
		op = Any
	case "not":
		op = Not
	}
	if !p.peek('(') {
		if op != OnEvent {
			return Condition{}, p.errorf("%s needs arguments in parentheses", name)
		}
		return Condition{Op: OnEvent, Event: Event{Name: name}}, nil
	}
	open := p.pos
	p.pos++ // '('
	c := Condition{Op: op}
	if op == OnEvent {
		c.Event.Name = name
	}
	for n := 0; ; n++ {
		if p.peek(')') {
			if n > 0 {
				return Condition{}, p.errorf("want an argument after ','")
			}
			p.pos++
			break
		}
		if op == OnEvent {
			a, err := p.eventArg(name, n)
			if err != nil {
				return Condition{}, err
			}
			c.Event.Args = append(c.Event.Args, a)
		} else {
			sub, err := p.condition(depth + 1)
			if err != nil {
				return Condition{}, err
			}
			c.Sub = append(c.Sub, sub)
		}
		p.space()
		if p.pos >= len(p.in) {
			p.pos = open
			return Condition{}, p.errorf("unclosed '(' of %s", name)
		}
		switch p.in[p.pos] {
		case ',':
			p.pos++
			continue
		case ')':
			p.pos++
		default:
			return Condition{}, p.errorf("want ',' or ')'; found %s", p.quoteNext())
		}
		break
	}
	switch {
	case op == Not && len(c.Sub) != 1:
		p.pos = start
		return Condition{}, p.errorf("not takes exactly one condition; found %d", len(c.Sub))
	case (op == All || op == Any) && len(c.Sub) == 0:
		p.pos = start
		return Condition{}, p.errorf("%s takes at least one condition", name)
	}
	return c, nil
}

// eventArg reads the n-th argument of event name: an actor ID, or [Anyone]
// as the attacker of an attack or a violation.
func (p *parser) eventArg(name string, n int) (actor.ID, error) {
	p.space()
	at := p.pos
	if p.pos < len(p.in) && p.in[p.pos] == '*' {
		if n > 0 || !isAttackName(name) {
			return "", p.errorf("%s (anyone) stands only as the attacker, the first argument of attack(*, B) or violation(*), in a trigger", Anyone)
		}
		p.pos++
		return Anyone, nil
	}
	id := p.word()
	if id == "" {
		return "", p.errorf("want an actor ID as argument of %s; found %s", name, p.quoteNext())
	}
	if !actor.ID(id).Valid() {
		p.pos = at
		return "", p.errorf("invalid actor ID %q", id)
	}
	if p.peek('(') {
		return "", p.errorf("the arguments of event %s are actor IDs, not conditions", name)
	}
	return actor.ID(id), nil
}

// Check returns an error if c could not have come from [ParseCondition]:
// an operator with the wrong number of sub-conditions or with the empty
// condition among them (it stands only alone, as the trigger that always
// holds), an event with a malformed name or actor ID, or nesting deeper
// than [MaxDepth]. Conditions built with [On], [AllOf], [AnyOf] and
// [NotOf] from valid, non-empty parts pass.
func (c Condition) Check() error { return c.check(0) }

func (c Condition) check(depth int) error {
	if depth >= MaxDepth {
		return fmt.Errorf("conditions nest deeper than %d levels", MaxDepth)
	}
	switch c.Op {
	case Always:
		if c.Event.Name != "" || len(c.Sub) > 0 {
			return fmt.Errorf("the empty condition has no event and no sub-conditions")
		}
		return nil
	case OnEvent:
		if !validEventName(c.Event.Name) {
			return fmt.Errorf("invalid event name %q: want letters, digits and '-'", c.Event.Name)
		}
		for k, a := range c.Event.Args {
			if a == Anyone && k == 0 && isAttackName(c.Event.Name) {
				continue
			}
			if a == Anyone {
				return fmt.Errorf("event %s: %s (anyone) stands only as the attacker, the first argument of attack(*, B) or violation(*)", c.Event, Anyone)
			}
			if _, err := actor.ParseID(string(a)); err != nil {
				return fmt.Errorf("event %s: %w", c.Event.Name, err)
			}
		}
		if len(c.Sub) > 0 {
			return fmt.Errorf("event %s has sub-conditions", c.Event.Name)
		}
		if c.Event.Date != "" {
			return fmt.Errorf("event %s: a condition names events, not dates; a date belongs on an event of the timeline", c.Event.Name)
		}
		return nil
	case All, Any, Not:
		if c.Op == Not && len(c.Sub) != 1 {
			return fmt.Errorf("not takes exactly one condition; found %d", len(c.Sub))
		}
		if len(c.Sub) == 0 {
			return fmt.Errorf("%s takes at least one condition", opNames[c.Op])
		}
		for _, s := range c.Sub {
			if s.Op == Always {
				// It has no text of its own: all(peace-deal, ) does not read back.
				return fmt.Errorf("%s holds the empty condition, which stands only alone (a trigger that always holds)", opNames[c.Op])
			}
			if err := s.check(depth + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("invalid condition operator %d", c.Op)
}

// maxEventLen bounds an event name, as actor IDs are bounded, so that
// ParseCondition rejects what Check rejects.
const maxEventLen = 64

func validEventName(s string) bool {
	if s == "" || s == "all" || s == "any" || s == "not" || len(s) > maxEventLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '_' || !actor.IsIDByte(c) {
			return false
		}
	}
	return true
}

// ParseEvent parses one event, such as "peace-deal" or "attack(RU, UA)", as
// written in a timeline. An event that happened names who did it, so
// [Anyone] is refused there, at its column.
func ParseEvent(s string) (Event, error) {
	c, err := ParseCondition(s)
	if err != nil {
		return Event{}, err
	}
	if c.Op != OnEvent {
		return Event{}, &SyntaxError{Input: s, Column: 1, Msg: "want one event, such as peace-deal or attack(RU, UA)"}
	}
	if err := c.Event.CheckHappened(); err != nil {
		col := utf8.RuneCountInString(s[:strings.IndexByte(s, '*')]) + 1
		return Event{}, &SyntaxError{Input: s, Column: col, Msg: err.Error()}
	}
	return c.Event, nil
}
