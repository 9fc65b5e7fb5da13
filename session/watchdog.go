package session

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrTimeout is wrapped by every error caused by a time limit.
var ErrTimeout = errors.New("timed out")

// Limits are the two time limits of one request: Headers bounds the wait
// for the response headers and each pause between body reads (0: none);
// Whole bounds the whole request, body included (0: none). WholeFrom
// is "--timeout" when Whole came from the request, for errors.
type Limits struct {
	Headers   time.Duration
	Whole     time.Duration
	WholeFrom string
}

// watchdog cancels a request that runs past one of its time limits: an
// idle timer, reset by every read, for the headers and each pause, and a
// timer for the whole request.
type watchdog struct {
	mu      sync.Mutex
	lim     Limits
	idle    *time.Timer
	whole   *time.Timer
	fired   string // "", "idle" or "whole": the first timer that fired
	headers bool
	bytes   int64
}

func newWatchdog(lim Limits, cancel context.CancelFunc) *watchdog {
	wd := &watchdog{lim: lim}
	fire := func(which string) func() {
		return func() {
			wd.mu.Lock()
			if wd.fired == "" {
				wd.fired = which
			}
			wd.mu.Unlock()
			cancel()
		}
	}
	if lim.Headers > 0 {
		wd.idle = time.AfterFunc(lim.Headers, fire("idle"))
	}
	if lim.Whole > 0 {
		wd.whole = time.AfterFunc(lim.Whole, fire("whole"))
	}
	return wd
}

func (wd *watchdog) gotHeaders() {
	wd.mu.Lock()
	wd.headers = true
	wd.mu.Unlock()
	wd.progress(0)
}

// progress restarts the idle timer after n more body bytes arrived.
func (wd *watchdog) progress(n int64) {
	wd.mu.Lock()
	wd.bytes += n
	wd.mu.Unlock()
	if wd.idle != nil {
		wd.idle.Reset(wd.lim.Headers)
	}
}

func (wd *watchdog) stop() {
	if wd.idle != nil {
		wd.idle.Stop()
	}
	if wd.whole != nil {
		wd.whole.Stop()
	}
}

// explain turns a transport error into one sentence that says what to do.
func (wd *watchdog) explain(err error, w Wire) error {
	wd.mu.Lock()
	fired, headers, n := wd.fired, wd.headers, wd.bytes
	wd.mu.Unlock()
	target := Redact(w.URL)
	switch {
	case fired == "whole":
		how := "--timeout 60s (or `set timeout off` for no limit)"
		if wd.lim.WholeFrom != "--timeout" {
			how = "`set timeout 60s` or `set timeout off`, or --timeout 60s for one request"
		}
		return fmt.Errorf("%w after %s for the whole request of %s: raise it with %s", ErrTimeout, wd.lim.Whole, target, how)
	case fired == "idle" && !headers:
		return fmt.Errorf("%w: no response headers from %s within header-timeout %s: raise it with `set header-timeout 60s`", ErrTimeout, target, wd.lim.Headers)
	case fired == "idle":
		return fmt.Errorf("%w: %s paused for more than header-timeout %s after %d body bytes: raise it with `set header-timeout 60s`", ErrTimeout, target, wd.lim.Headers, n)
	}
	if errors.Is(err, ErrHeaderLimit) || errors.Is(err, ErrProxy) {
		return err
	}
	return describeNetError(err, w.URL)
}

func describeNetError(err error, u *url.URL) error {
	host := u.Host
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("request to %s cancelled: %w", Redact(u), context.Canceled)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("cannot resolve host %q: check the spelling or your network (%w)", u.Hostname(), err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("connection refused by %s: is the server running on that port? (%w)", host, syscall.ECONNREFUSED)
	case errors.As(err, &unknownAuth):
		return fmt.Errorf("TLS certificate of %s not trusted: %s (trust its CA with --cacert FILE or `set ca FILE`; or use --insecure for this request, or `set verify off`, only if you trust the host): %w", host, certReason(err), ErrTLS)
	case errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &certErr):
		return fmt.Errorf("TLS certificate of %s not trusted: %s (use --insecure for this request, or `set verify off`, only if you trust the host): %w", host, certReason(err), ErrTLS)
	case errors.As(err, &recErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Errorf("TLS handshake with %s failed: the server does not speak TLS there (try http://): %w", host, ErrTLS)
	case errors.Is(err, ErrClientCert):
		return err
	}
	if hint, ok := tlsHint(err, host); ok {
		return hint
	}
	switch {
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("connection reset by %s (%w)", host, syscall.ECONNRESET)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("request to %s failed: %w", Redact(u), err)
}

// ErrTLS is wrapped by certificate and handshake failures.
var ErrTLS = errors.New("TLS failure")

func certReason(err error) string {
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknownAuth):
		return "signed by an unknown authority (self-signed?)"
	case errors.As(err, &hostErr):
		return "it is for " + hostErr.Error()
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "expired or not yet valid"
		}
		return invalid.Error()
	}
	return err.Error()
}
