package workbench

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// ErrNotLoopback is the error, wrapped, of an address that is not this
// machine's own loopback address, when [Options.Network] (or Listen's
// network) does not allow one.
var ErrNotLoopback = errors.New("not this machine's loopback address: every machine that reaches it could read and overwrite the file")

// RequestHeader is a header every request under /api/ must carry, with
// the server's key as its value (see [KeyParam]). A page of another
// origin cannot send it without the browser asking the server first,
// which it refuses; and the key is not in the browser's cookies, which
// every server on this host receives.
const RequestHeader = "X-Entente"

// PageHeader names the page an evaluation comes from (any text of up to
// 64 bytes, random per page load): a newer evaluation from the same page
// stops the one still running. Evaluations without it stop nothing.
const PageHeader = "X-Entente-Page"

// TokenParam is the query parameter of the one-time token in the address
// [Server.URL] gives.
const TokenParam = "token"

// KeyParam names the key in the fragment of the address the token's
// exchange sends the browser on to: /#key=K. A browser sends no fragment
// to any server; the page reads the key from it and sends it back as
// [RequestHeader].
const KeyParam = "key"

// loopback reports whether host (without brackets) is this machine's
// loopback: "localhost", or a loopback IP address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkAddr checks an address to serve the workbench on: HOST:PORT,
// with a host named (not empty, not 0.0.0.0 or ::), a port that is a
// number (0 only when anyPort), and a host that is this machine's
// loopback unless network. Its errors quote addr and say what is wrong.
// It is the one check of the address, for Listen and New alike.
func checkAddr(addr string, network, anyPort bool) (host, port string, err error) {
	host, port, err = net.SplitHostPort(addr)
	if err != nil {
		return "", "", fmt.Errorf("address %q: want HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	ip := net.ParseIP(host)
	if host == "" || ip != nil && ip.IsUnspecified() {
		return "", "", fmt.Errorf("address %q: name the host to answer to, such as 127.0.0.1:8080; the workbench answers only requests for its own address", addr)
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n == 0 && !anyPort {
		return "", "", fmt.Errorf("address %q: want the port listened on, a number from 1 to 65535", addr)
	}
	if !network && !loopback(host) {
		return "", "", fmt.Errorf("address %q: %w", addr, ErrNotLoopback)
	}
	return host, port, nil
}

// Listen listens on addr (HOST:PORT; port 0 takes a free one) for a
// workbench, after checking it as New checks [Options.Addr]: the host
// must be named, and be this machine's loopback ("localhost", 127.0.0.1,
// ::1) unless network is true. A name that resolves elsewhere is refused
// too. It returns the listener and the address to give
// [Options.Addr]: addr's host with the port listened on. Its errors quote
// addr, for a command to print after its own name.
func Listen(addr string, network bool) (net.Listener, string, error) {
	host, _, err := checkAddr(addr, network, true)
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	tcp, ok := ln.Addr().(*net.TCPAddr)
	if !network && (!ok || !tcp.IP.IsLoopback()) {
		ln.Close()
		return nil, "", fmt.Errorf("address %q listens on %v: %w", addr, ln.Addr(), ErrNotLoopback)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return ln, net.JoinHostPort(host, port), nil
}

// hostsFor lists the Host headers a server on host and port answers:
// HOST:PORT; "localhost" with the port too when host is a loopback
// address; and each without the port when the port is 80, which browsers
// leave out.
func hostsFor(host, port string) map[string]bool {
	names := []string{strings.ToLower(host)}
	if loopback(host) && !strings.EqualFold(host, "localhost") {
		names = append(names, "localhost")
	}
	hosts := make(map[string]bool)
	for _, n := range names {
		hosts[net.JoinHostPort(n, port)] = true
		if port == "80" {
			if strings.Contains(n, ":") {
				n = "[" + n + "]" // an IPv6 address, as a Host header writes it
			}
			hosts[n] = true
		}
	}
	return hosts
}

// exchange answers GET /?token=T: the first time, with the right token,
// it sets the session cookie and sends the browser on to /#key=K (so the
// token leaves the address bar and its history, and the page learns the
// key); any other time, 403. The key is in the Location header only, in
// no body: http.Redirect would write it in a link too.
func (s *Server) exchange(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, r.Method+" is not allowed here", http.StatusMethodNotAllowed)
		return
	}
	got := r.URL.Query().Get(TokenParam)
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 || !s.tokenUsed.CompareAndSwap(false, true) {
		http.Error(w, "this address's token is wrong or was used already: it opens the workbench once. "+
			"Restart entente serve for a new address.", http.StatusForbidden)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     s.cookie,
		Value:    s.session,
		Path:     "/",
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	})
	w.Header().Set("Location", "/#"+KeyParam+"="+s.key)
	w.WriteHeader(http.StatusSeeOther)
}

// signedIn reports whether r carries the session cookie.
func (s *Server) signedIn(r *http.Request) bool {
	c, err := r.Cookie(s.cookie)
	return err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.session)) == 1
}

// sameOrigin reports whether an API request comes from the workbench's
// own page, as the browser tells it: neither its Origin nor its
// Sec-Fetch-Site names another origin.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" && !strings.EqualFold(origin, "http://"+r.Host) {
		return false
	}
	return true
}

// keyed reports whether r carries the server's key in [RequestHeader].
// The session cookie is not enough for the API: cookies are shared by
// every port of a host, so any server on this machine that the browser
// visits receives it. The key is in no cookie: only the page has it.
func (s *Server) keyed(r *http.Request) bool {
	got := r.Header.Values(RequestHeader)
	return len(got) == 1 && subtle.ConstantTimeCompare([]byte(got[0]), []byte(s.key)) == 1
}

// originForm reports whether r names its target by path (GET /x), as
// every browser does when it asks a server directly. A request in
// absolute form (GET http://HOST/x, as sent to a proxy) has its host
// taken from its URL, and its Host header dropped, so the Host check
// could not see the Host it was sent with: it is refused.
func originForm(r *http.Request) bool {
	if r.URL.Host != "" || r.URL.Scheme != "" {
		return false
	}
	return r.RequestURI == "" || strings.HasPrefix(r.RequestURI, "/")
}
