package lesson

import (
	"net/http"
	"time"
)

// Attempt is what the learner did in one command line, as the command
// layer saw it: the line, the exchange it made (nil for a line that sent
// nothing, such as `cookies` or `explain 405`) and the jar after it. It
// is all the evaluator reads, so tests build it from real responses.
type Attempt struct {
	Line     string
	Exchange *Exchange
	Jar      []Cookie
}

// Exchange is one request and its final response. For a redirect chain,
// Request is the last request sent and Redirects the number of hops
// followed.
type Exchange struct {
	Request   Request
	Response  Response
	Redirects int
	Reused    bool // the connection had served an earlier request
	Elapsed   time.Duration
}

// Request is a request as it went on the wire.
type Request struct {
	Method string
	URL    string // absolute
	Header http.Header
	Body   []byte
}

// Response is a response as it came (the body decoded, possibly cut at a
// limit by the command layer).
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Cookie is one cookie of the jar.
type Cookie struct {
	Name, Value, Domain, Path string
	Secure, HTTPOnly          bool
}

// Verdict is the evaluation of one attempt against one step.
type Verdict struct {
	Pass    bool
	Ignored bool   // the attempt does not concern the step: no exchange where one is needed, or a when: failed
	Failed  *Cond  // the first check that did not hold
	Got     string // what the attempt had instead, sanitised of control characters
	Hint    string // what differs: the check's why:, else a generated sentence
}
