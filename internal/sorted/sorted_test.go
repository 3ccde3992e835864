package sorted

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestContains(t *testing.T) {
	tests := []struct {
		reason string
		l      []int32
		v      int32
		want   bool
	}{
		{"the empty list holds nothing", nil, 0, false},
		{"a short list, scanned: present", []int32{1, 3, 5}, 3, true},
		{"a short list, scanned: absent", []int32{1, 3, 5}, 4, false},
		{"a long list, searched: the first", []int32{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, 0, true},
		{"a long list, searched: the last", []int32{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, 18, true},
		{"a long list, searched: between two", []int32{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, 9, false},
		{"a long list, searched: past the end", []int32{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, 19, false},
	}
	for _, tc := range tests {
		if got := Contains(tc.l, tc.v); got != tc.want {
			t.Errorf("Contains(%v, %d) = %v; want %v: %s", tc.l, tc.v, got, tc.want, tc.reason)
		}
	}
}

// TestContainsAgreesWithScan checks both paths against slices.Contains on
// random sorted lists around the length where Contains changes path.
func TestContainsAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		l := make([]int32, r.IntN(20))
		for i := range l {
			l[i] = r.Int32N(30)
		}
		slices.Sort(l)
		l = slices.Compact(l)
		v := r.Int32N(32) - 1
		if got, want := Contains(l, v), slices.Contains(l, v); got != want {
			t.Fatalf("Contains(%v, %d) = %v; want %v", l, v, got, want)
		}
	}
}

func TestOverlap(t *testing.T) {
	tests := []struct {
		reason string
		a, b   []int32
		want   bool
	}{
		{reason: "both empty", a: nil, b: nil},
		{reason: "one empty", a: []int32{1, 2}, b: nil},
		{reason: "a shared first element", a: []int32{1, 5}, b: []int32{1, 7}, want: true},
		{reason: "a shared last element", a: []int32{1, 3, 9}, b: []int32{2, 4, 9}, want: true},
		{reason: "interleaved without a shared element", a: []int32{1, 3, 5}, b: []int32{2, 4, 6}},
		{reason: "one runs out first", a: []int32{1}, b: []int32{2, 3, 4}},
	}
	for _, tc := range tests {
		if got := Overlap(tc.a, tc.b); got != tc.want {
			t.Errorf("Overlap(%v, %v) = %v, want %v: %s", tc.a, tc.b, got, tc.want, tc.reason)
		}
		if got := Overlap(tc.b, tc.a); got != tc.want {
			t.Errorf("Overlap(%v, %v) = %v, want %v: %s, either way round", tc.b, tc.a, got, tc.want, tc.reason)
		}
	}
}
