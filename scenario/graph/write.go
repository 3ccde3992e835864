package graph

import "io"

// out is where a writer puts its text: a buffer it hands to the
// io.Writer whenever it grows past a few pages, so that a large picture
// does not sit whole in memory. The first error of the io.Writer sticks.
type out struct {
	w   io.Writer
	b   []byte
	err error
}

const spillAt = 64 << 10

// spill hands the buffer over once it is large.
func (o *out) spill() {
	if len(o.b) >= spillAt {
		o.flush()
	}
}

// flush hands the buffer over and returns the first error.
func (o *out) flush() error {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
	return o.err
}
