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

// ErrTimeout is wrapped by every error caused by the time limit.
var ErrTimeout = errors.New("timed out")

// watchdog cancels a request that runs past its time limit: the whole
// request when whole is set, else the wait for headers and each pause
// between reads.
type watchdog struct {
	mu      sync.Mutex
	limit   time.Duration
	whole   bool
	timer   *time.Timer
	fired   bool
	headers bool
}

func newWatchdog(limit time.Duration, cancel context.CancelFunc, whole bool) *watchdog {
	wd := &watchdog{limit: limit, whole: whole}
	if limit > 0 {
		wd.timer = time.AfterFunc(limit, func() {
			wd.mu.Lock()
			wd.fired = true
			wd.mu.Unlock()
			cancel()
		})
	}
	return wd
}

func (wd *watchdog) gotHeaders() {
	wd.mu.Lock()
	wd.headers = true
	wd.mu.Unlock()
	wd.progress()
}

func (wd *watchdog) progress() {
	if wd.timer != nil && !wd.whole {
		wd.timer.Reset(wd.limit)
	}
}

func (wd *watchdog) stop() {
	if wd.timer != nil {
		wd.timer.Stop()
	}
}

// explain turns a transport error into one sentence that says what to do.
func (wd *watchdog) explain(err error, w Wire) error {
	wd.mu.Lock()
	fired, headers := wd.fired, wd.headers
	wd.mu.Unlock()
	target := Redact(w.URL)
	if fired {
		what := "waiting for the response headers"
		if headers {
			what = "reading the body"
		}
		if wd.whole {
			what = "for the whole request"
		}
		return fmt.Errorf("%w after %s %s of %s: raise it with --timeout 60s or `set timeout 60s`", ErrTimeout, wd.limit, what, target)
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
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &certErr):
		return fmt.Errorf("TLS certificate of %s not trusted: %s (use --insecure for this request, or `set verify off`, only if you trust the host): %w", host, certReason(err), ErrTLS)
	case errors.As(err, &recErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Errorf("TLS handshake with %s failed: the server does not speak TLS there (try http://): %w", host, ErrTLS)
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
