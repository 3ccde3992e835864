package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"
)

func TestWriteMessageEndsWithOneNUL(t *testing.T) {
	var buf bytes.Buffer
	req := request{ID: 7, SessionID: "S1", Method: "Runtime.evaluate", Params: map[string]string{"expression": "'a\x00b'"}}
	if err := writeMessage(&buf, req); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if n := bytes.Count(b, []byte{0}); n != 1 || b[len(b)-1] != 0 {
		t.Fatalf("message %q: want exactly one NUL, at the end; got %d", b, n)
	}
	var back struct {
		ID        int64             `json:"id"`
		SessionID string            `json:"sessionId"`
		Method    string            `json:"method"`
		Params    map[string]string `json:"params"`
	}
	if err := json.Unmarshal(b[:len(b)-1], &back); err != nil {
		t.Fatal(err)
	}
	if back.ID != 7 || back.SessionID != "S1" || back.Method != "Runtime.evaluate" || back.Params["expression"] != "'a\x00b'" {
		t.Errorf("round trip: got %+v", back)
	}

	buf.Reset()
	if err := writeMessage(&buf, request{ID: 1, Method: "Browser.getVersion"}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), `{"id":1,"method":"Browser.getVersion"}`+"\x00"; got != want {
		t.Errorf("without session or params: got %q, want %q", got, want)
	}
}

func TestReadMessage(t *testing.T) {
	stream := `{"id":1,"result":{"product":"Chrome/1"}}` + "\x00" +
		`{"method":"Page.loadEventFired","sessionId":"S","params":{"timestamp":1.5}}` + "\x00" +
		`{"id":2,"error":{"code":-32601,"message":"'Nope.nope' wasn't found"}}` + "\x00"
	// One byte at a time: a message may arrive in any number of reads.
	r := bufio.NewReader(iotest.OneByteReader(strings.NewReader(stream)))

	m, err := readMessage(r)
	if err != nil || m.ID != 1 || string(m.Result) != `{"product":"Chrome/1"}` {
		t.Fatalf("first: got %+v, %v", m, err)
	}
	m, err = readMessage(r)
	if err != nil || m.ID != 0 || m.Method != "Page.loadEventFired" || m.SessionID != "S" || string(m.Params) != `{"timestamp":1.5}` {
		t.Fatalf("second: got %+v, %v", m, err)
	}
	m, err = readMessage(r)
	if err != nil || m.ID != 2 || m.Error == nil || m.Error.Code != -32601 {
		t.Fatalf("third: got %+v, %v", m, err)
	}
	if _, err := readMessage(r); err != io.EOF {
		t.Errorf("at the end: got %v, want io.EOF", err)
	}

	r = bufio.NewReader(strings.NewReader(`{"id":1,"res`))
	if _, err := readMessage(r); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("message without its NUL: got %v, want io.ErrUnexpectedEOF", err)
	}
	r = bufio.NewReader(strings.NewReader("not json\x00"))
	if _, err := readMessage(r); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("malformed message: got %v", err)
	}
}

// fakeBrowser answers commands over in-memory pipes the way Chromium does
// over its descriptors 3 and 4.
type fakeBrowser struct {
	t    *testing.T
	in   *bufio.Reader  // commands from the conn
	out  *io.PipeWriter // messages to the conn
	conn *conn
}

func newFakeBrowser(t *testing.T) *fakeBrowser {
	cmdR, cmdW := io.Pipe()
	respR, respW := io.Pipe()
	f := &fakeBrowser{t: t, in: bufio.NewReader(cmdR), out: respW}
	f.conn = newConn(respR, cmdW)
	t.Cleanup(func() {
		respW.Close()
		cmdR.Close()
		<-f.conn.done
	})
	return f
}

func (f *fakeBrowser) next() request {
	f.t.Helper()
	b, err := f.in.ReadBytes(0)
	if err != nil {
		f.t.Errorf("fake browser: reading a command: %v", err)
		return request{}
	}
	var r request
	if err := json.Unmarshal(b[:len(b)-1], &r); err != nil {
		f.t.Errorf("fake browser: %v", err)
	}
	return r
}

func (f *fakeBrowser) send(raw string) {
	if _, err := io.WriteString(f.out, raw+"\x00"); err != nil {
		f.t.Errorf("fake browser: %v", err)
	}
}

func TestConnCallsAndEvents(t *testing.T) {
	f := newFakeBrowser(t)
	var mu sync.Mutex
	var events []string
	f.conn.handle("S", func(method string, params json.RawMessage) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, method+" "+string(params))
	})

	type answer struct {
		product string
		err     error
	}
	first, second := make(chan answer, 1), make(chan answer, 1)
	go func() {
		var v struct{ Product string }
		err := f.conn.call(context.Background(), "", "Browser.getVersion", nil, &v)
		first <- answer{v.Product, err}
	}()
	r1 := f.next()
	go func() {
		second <- answer{"", f.conn.call(context.Background(), "S", "Page.enable", nil, nil)}
	}()
	r2 := f.next()
	if r1.Method != "Browser.getVersion" || r1.SessionID != "" || r2.Method != "Page.enable" || r2.SessionID != "S" || r1.ID == r2.ID {
		t.Fatalf("commands: %+v, %+v", r1, r2)
	}

	// Events before and between the answers, some for other sessions,
	// and the answers in the other order.
	f.send(`{"method":"Page.loadEventFired","sessionId":"S","params":{"timestamp":1}}`)
	f.send(`{"method":"Target.targetCreated","params":{}}`)
	f.send(`{"method":"Page.loadEventFired","sessionId":"OTHER","params":{}}`)
	f.send(`{"id":` + jsonInt(r2.ID) + `,"sessionId":"S","error":{"code":-32000,"message":"Not allowed"}}`)
	f.send(`{"method":"Log.entryAdded","sessionId":"S","params":{"entry":{}}}`)
	f.send(`{"id":` + jsonInt(r1.ID) + `,"result":{"product":"Chrome/156"}}`)

	a := <-first
	if a.err != nil || a.product != "Chrome/156" {
		t.Errorf("Browser.getVersion: got %q, %v", a.product, a.err)
	}
	a = <-second
	var ce *cdpError
	if !errors.As(a.err, &ce) || ce.Code != -32000 || !strings.Contains(a.err.Error(), "Page.enable: Not allowed") {
		t.Errorf("Page.enable: got %v, want the browser's error", a.err)
	}
	mu.Lock()
	got := strings.Join(events, "\n")
	mu.Unlock()
	want := `Page.loadEventFired {"timestamp":1}` + "\n" + `Log.entryAdded {"entry":{}}`
	if got != want {
		t.Errorf("events for session S:\n%s\nwant:\n%s", got, want)
	}
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestConnCallEnds(t *testing.T) {
	t.Run("context", func(t *testing.T) {
		f := newFakeBrowser(t)
		ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, errors.New("too slow"))
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- f.conn.call(ctx, "", "Browser.getVersion", nil, nil) }()
		r := f.next() // and never answer
		err := <-done
		if err == nil || !strings.Contains(err.Error(), "too slow") {
			t.Errorf("got %v, want the context's cause", err)
		}
		// A late answer is dropped, not delivered to anyone.
		f.send(`{"id":` + jsonInt(r.ID) + `,"result":{}}`)
	})
	t.Run("browser gone", func(t *testing.T) {
		f := newFakeBrowser(t)
		done := make(chan error, 1)
		go func() { done <- f.conn.call(context.Background(), "", "Browser.getVersion", nil, nil) }()
		f.next()
		f.out.Close()
		err := <-done
		if err == nil || !strings.Contains(err.Error(), "closed the connection") {
			t.Errorf("got %v, want the connection closed", err)
		}
		if err := f.conn.call(context.Background(), "", "Browser.close", nil, nil); err == nil {
			t.Error("a call after the end succeeded")
		}
	})
	t.Run("garbage", func(t *testing.T) {
		f := newFakeBrowser(t)
		f.send("{")
		<-f.conn.done
		if err := f.conn.closed(); err == nil || !strings.Contains(err.Error(), "malformed") {
			t.Errorf("got %v, want a malformed message", err)
		}
	})
}
