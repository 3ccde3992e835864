package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// The Chrome DevTools Protocol over --remote-debugging-pipe: the browser
// reads commands from its file descriptor 3 and writes responses and events
// to its descriptor 4, each message a JSON object followed by a NUL byte.

// request is a command to the browser. Commands for a page carry the
// session ID that Target.attachToTarget (flatten: true) returned.
type request struct {
	ID        int64  `json:"id"`
	SessionID string `json:"sessionId,omitempty"`
	Method    string `json:"method"`
	Params    any    `json:"params,omitempty"`
}

// message is what the browser sends: a response (ID set, with Result or
// Error) or an event (Method and Params, no ID).
type message struct {
	ID        int64           `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    string `json:"data,omitempty"`
}

func (e *cdpError) Error() string {
	if e.Data != "" {
		return fmt.Sprintf("%s (%d): %s", e.Message, e.Code, e.Data)
	}
	return fmt.Sprintf("%s (%d)", e.Message, e.Code)
}

// writeMessage writes v as JSON followed by the NUL that ends a message.
// JSON text never holds a raw NUL (encoding/json escapes it as \u0000), so
// the terminator is unambiguous.
func writeMessage(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, 0))
	return err
}

// readMessage reads one NUL-terminated message. At a clean end of the
// stream it returns io.EOF; a message without its NUL is
// io.ErrUnexpectedEOF.
func readMessage(r *bufio.Reader) (message, error) {
	b, err := r.ReadBytes(0)
	if err != nil {
		if errors.Is(err, io.EOF) && len(b) > 0 {
			return message{}, fmt.Errorf("message of %d bytes cut short: %w", len(b), io.ErrUnexpectedEOF)
		}
		return message{}, err
	}
	var m message
	if err := json.Unmarshal(b[:len(b)-1], &m); err != nil {
		return message{}, fmt.Errorf("malformed message %.80q: %w", b[:len(b)-1], err)
	}
	return m, nil
}

// eventHandler receives the events of one session, in order, on the
// connection's reading goroutine: it must not block, and must not call
// conn.call.
type eventHandler func(method string, params json.RawMessage)

// conn is a CDP connection: calls from any goroutine, events to the
// handler registered for their session.
type conn struct {
	wmu sync.Mutex // serialises writes
	w   io.Writer

	mu       sync.Mutex
	nextID   int64
	pending  map[int64]chan message
	handlers map[string]eventHandler // by session ID; "" is the browser
	err      error                   // why reading stopped, once done is closed

	done chan struct{}
}

func newConn(r io.Reader, w io.Writer) *conn {
	c := &conn{
		w:        w,
		pending:  make(map[int64]chan message),
		handlers: make(map[string]eventHandler),
		done:     make(chan struct{}),
	}
	go c.read(bufio.NewReaderSize(r, 64<<10))
	return c
}

func (c *conn) read(r *bufio.Reader) {
	for {
		m, err := readMessage(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = errors.New("the browser closed the connection")
			}
			c.mu.Lock()
			c.err = err
			c.mu.Unlock()
			close(c.done)
			return
		}
		c.mu.Lock()
		if m.ID != 0 {
			ch := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m // buffered: never blocks
			}
			continue
		}
		h := c.handlers[m.SessionID]
		c.mu.Unlock()
		if h != nil && m.Method != "" {
			h(m.Method, m.Params)
		}
	}
}

// handle sets the handler for a session's events; nil removes it.
func (c *conn) handle(sessionID string, h eventHandler) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h == nil {
		delete(c.handlers, sessionID)
	} else {
		c.handlers[sessionID] = h
	}
}

// closed reports why the connection stopped, or nil while it is open.
func (c *conn) closed() error {
	select {
	case <-c.done:
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.err
	default:
		return nil
	}
}

// call sends a command and waits for its response, decoding the result
// into result unless that is nil.
func (c *conn) call(ctx context.Context, sessionID, method string, params, result any) error {
	if err := c.closed(); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	ch := make(chan message, 1)
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	c.pending[id] = ch
	c.mu.Unlock()
	forget := func() {
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
	}

	c.wmu.Lock()
	err := writeMessage(c.w, request{ID: id, SessionID: sessionID, Method: method, Params: params})
	c.wmu.Unlock()
	if err != nil {
		forget()
		return fmt.Errorf("%s: %w", method, err)
	}

	var m message
	select {
	case m = <-ch:
	case <-c.done:
		select {
		case m = <-ch: // the answer came just before the end
		default:
			forget()
			return fmt.Errorf("%s: %w", method, c.closed())
		}
	case <-ctx.Done():
		forget()
		return fmt.Errorf("%s: %w", method, context.Cause(ctx))
	}
	if m.Error != nil {
		return fmt.Errorf("%s: %w", method, m.Error)
	}
	if result != nil {
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("%s: bad result: %w", method, err)
		}
	}
	return nil
}
