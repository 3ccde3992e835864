package guarantee_test

import (
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// Benchmarks of the methods that list a condition's events and attackers.
// Run them with
//
//	go test -run '^$' -bench 'Events|Attackers' -benchmem ./guarantee
//
// A condition people write names a handful of events; a generated one may
// name tens of thousands, and the cost must stay linear (or n·log n) in
// its size.

// wide returns any(...) over n distinct events, each written twice (the
// second time under not): every third an attack by its own attacker
// X<i>, every third a violation by it, the rest a plain event e<i>. So
// the condition names n distinct events, and about 2n/3 distinct
// attackers.
func wide(n int) guarantee.Condition {
	subs := make([]guarantee.Condition, 0, 2*n)
	for i := range n {
		subs = append(subs, wideEvent(i))
	}
	for i := range n {
		subs = append(subs, guarantee.NotOf(wideEvent(i)))
	}
	return guarantee.AnyOf(subs...)
}

// wideEvent returns the i-th event of wide.
func wideEvent(i int) guarantee.Condition {
	x := actor.ID("X" + strconv.Itoa(i))
	switch i % 3 {
	case 0:
		return guarantee.Attack(x, "UA")
	case 1:
		return guarantee.On(guarantee.EventViolation, x)
	}
	return guarantee.On("e" + strconv.Itoa(i))
}

// seedTrigger is a trigger of the size people write.
var seedTrigger = guarantee.MustParseCondition("all(peace-deal, any(attack(RU, UA), violation(RU), attack(BY, UA)), not(ceasefire))")

func BenchmarkEventsSmall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(seedTrigger.Events()) != 5 {
			b.Fatal("wrong number of events")
		}
	}
}

func BenchmarkEventsLarge(b *testing.B) {
	const n = 20_000
	c := wide(n)
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Events()) != n {
			b.Fatal("wrong number of events")
		}
	}
}

func BenchmarkAttackersSmall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(seedTrigger.Attackers()) != 2 {
			b.Fatal("wrong number of attackers")
		}
	}
}

func BenchmarkAttackersLarge(b *testing.B) {
	const n = 20_000
	c := wide(n)
	want := len(wideAttackers(n))
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Attackers()) != want {
			b.Fatal("wrong number of attackers")
		}
	}
}

// wideAttackers returns the attackers of wide(n), unsorted.
func wideAttackers(n int) []actor.ID {
	var out []actor.ID
	for i := range n {
		if i%3 != 2 {
			out = append(out, actor.ID("X"+strconv.Itoa(i)))
		}
	}
	return out
}
