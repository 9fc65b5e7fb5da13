// Package lesson is the engine of `learn`: the lesson file format and its
// parser, conditions evaluated on a learner's attempt, grading of a
// script, saved progress, and the lessons shipped in the binary
// (lessons/*.lesson) or written by teachers ($XDG_DATA_HOME/httpsh/lessons).
// It knows no command: the command layer turns what the learner typed into
// an Attempt (the line, the exchange it made, the jar after it).
//
// # The lesson file format
//
// A lesson is a UTF-8 text file NAME.lesson (a leading "NN-" orders the
// shipped ones and is not part of the name). It is read line by line;
// trailing blanks are ignored.
//
//	file      = header step+ recap
//	header    = "title:" TEXT, one or more "summary:" TEXT (joined)
//	step      = "step:" TITLE, then in any order:
//	            "cite:" RFC          one or more: "RFC 9110, section 9.3.1"
//	            text lines           the explanation (before the checks)
//	            "task:" TEXT         one or more, joined: what to do
//	            "when:" COND         zero or more: an attempt where one
//	                                 fails is not judged (ignored)
//	            "check:" COND        one or more: all must hold to pass
//	            "why:" TEXT          right after a check: or when:, the hint
//	                                 shown when that condition fails
//	            "hint:" TEXT         the first `learn hint`; the second
//	                                 shows the answer: lines
//	            "after:" TEXT        shown when the step passes
//	            "show:" TEXT         wire-view lines to highlight: those
//	                                 containing TEXT, case-insensitively
//	            "answer:" LINE       one or more: the right answer, as typed
//	            "wrong:" LINE        one or more, ended by "gets:" TEXT:
//	                                 a typical wrong answer, and a text the
//	                                 hint it gets must contain
//	recap     = "recap:" alone, then text lines (at least one), to the end
//
// A line starting with "#" is a comment. A text line is any other line; a
// line starting with "| " is text whatever follows (for text that would
// look like a directive, or to keep a leading blank). A line that starts
// with a word and a colon is a directive if the word is one of those
// above; a likely typo of one ("tsak:") is an error; any other word is
// text. Text lines are at most 76 columns, so that a lesson indented by two
// renders in 80. Blank lines separate paragraphs.
//
// # Conditions
//
// COND is expect's syntax, words split as in the shell ('quotes' keep
// blanks), with OP one of == != ~ (regular expression) < <= > >= exists
// missing. [OP VALUE] omitted means exists.
//
//	status [OP] CODE|Nxx          the response status
//	header NAME [OP VALUE]        a response header (values joined by ", ")
//	json FILTER [OP VALUE]        a jq filter on the JSON response body
//	body contains TEXT            the response body
//	cookie NAME [OP VALUE]        a cookie in the jar after the attempt
//	cookies OP N                  the number of cookies in the jar
//	time OP DURATION              the exchange's duration: time < 2s
//	redirects OP N                redirects followed
//	connection reused|new         whether the connection served before
//	command OP TEXT               the command line typed: command ~ ^json
//	request method [OP] VALUE     the request as sent (the last hop):
//	request url|path OP VALUE       its absolute URL, its path
//	request header NAME [OP VALUE]  a request header
//	request query NAME [OP VALUE]   a query parameter
//	request form NAME [OP VALUE]    a form field of a form-encoded body
//	request json FILTER [OP VALUE]  a jq filter on a JSON request body
//	request body contains TEXT
//
// A step whose conditions read an exchange ignores attempts that made
// none (`help`, `cookies`). In json conditions, a VALUE that is a JSON
// string may be written with or without its quotes.
//
// Errors are *Error, printed "FILE:LINE: what is wrong". testdata/FORMAT.md
// repeats this grammar with an example for teachers.
package lesson
