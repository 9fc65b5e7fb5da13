package history

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// --auth, -u
		{"auth flag", "get /basic-auth/u/p --auth user:pass", "get /basic-auth/u/p --auth user:***"},
		{"auth flag eq", "get /x --auth=user:pass", "get /x --auth=user:***"},
		{"auth short", "get /x -u user:pass", "get /x -u user:***"},
		{"auth short attached", "get /x -uuser:pass", "get /x -uuser:***"},
		{"auth user flag", "get /x --user user:pass", "get /x --user user:***"},
		{"auth no password", "get /x --auth user", "get /x --auth user"},
		{"auth quoted password", "get /x --auth 'user:pa ss'", "get /x --auth 'user:***'"},
		{"auth password colon", "get /x --auth u:a:b", "get /x --auth u:***"},
		{"auth quote change", "get /x --auth user:pa'ss'", "get /x --auth user:***''"},
		// --bearer
		{"bearer", "get /x --bearer TOKEN", "get /x --bearer ***"},
		{"bearer eq", "get /x --bearer=TOKEN", "get /x --bearer=***"},
		{"bearer quoted", `get /x --bearer "a b"`, `get /x --bearer "***"`},
		// auth command
		{"auth basic", "auth basic user:pass", "auth basic user:***"},
		{"auth basic no pass", "auth basic user", "auth basic user"},
		{"auth bearer", "auth bearer TOKEN", "auth bearer ***"},
		{"auth digest", "auth digest user:pass", "auth digest user:***"},
		{"auth oauth2", "auth oauth2 client-credentials --token-url http://h/token --client-id app --client-secret s3cret --scope read",
			"auth oauth2 client-credentials --token-url http://h/token --client-id app --client-secret *** --scope read"},
		{"client-secret eq", "auth oauth2 device --client-secret=s3cret", "auth oauth2 device --client-secret=***"},
		{"client-secret env", "auth oauth2 device --client-secret {{env.SECRET}}", "auth oauth2 device --client-secret {{env.SECRET}}"},
		{"digest request", "get /x --digest --auth ada:pw --cacert ca.pem --cert c.pem --key k.pem", "get /x --digest --auth ada:*** --cacert ca.pem --cert c.pem --key k.pem"},
		{"auth show", "auth", "auth"},
		{"auth clear", "auth clear", "auth clear"},
		// header items and flags
		{"header item", "get /x Authorization:Bearer", "get /x Authorization:***"},
		{"header item split token", "get /x Authorization:Bearer x", "get /x Authorization:*** ***"},
		{"header item quoted", "get /x 'Authorization: Basic abc'", "get /x 'Authorization: ***'"},
		{"header item dquoted", `get /x "Authorization: Basic abc" a==1`, `get /x "Authorization: ***" a==1`},
		{"header item value quoted", "get /x Authorization:'Bearer x'", "get /x Authorization:'***'"},
		{"header flag", "get /x -H 'Authorization: x'", "get /x -H 'Authorization: ***'"},
		{"header flag long", "get /x --header 'authorization: x'", "get /x --header 'authorization: ***'"},
		{"header flag eq", "get /x --header='X-Token: x'", "get /x --header='X-Token: ***'"},
		{"header flag attached", "get /x -H'Authorization: x'", "get /x -H'Authorization: ***'"},
		{"cookie header", "get /x Cookie:a=b", "get /x Cookie:***"},
		{"proxy auth", "get /x Proxy-Authorization:Basic+abc", "get /x Proxy-Authorization:***"},
		{"api key header", "get /x X-Api-Key:abc", "get /x X-Api-Key:***"},
		{"custom headers", "get /x X-Auth-Token:1 X-Secret:2 X-Session:3 X-Password:4 X-Passwd:5 X-KEY:6",
			"get /x X-Auth-Token:*** X-Secret:*** X-Session:*** X-Password:*** X-Passwd:*** X-KEY:***"},
		{"empty header value", "get /x Authorization:", "get /x Authorization:"},
		{"session headers", "headers Authorization:Bearer+abc X-Trace:1", "headers Authorization:*** X-Trace:1"},
		{"session headers quoted", "headers 'X-Api-Key: abc' 'Accept: text/plain'", "headers 'X-Api-Key: ***' 'Accept: text/plain'"},
		// cookies
		{"cookie flag", "get /x --cookie name=value", "get /x --cookie name=***"},
		{"cookie flag several", "get /x --cookie 'a=1; b=2'", "get /x --cookie 'a=***; b=***'"},
		{"cookie flag eq", "get /x --cookie=sid=abc", "get /x --cookie=sid=***"},
		{"cookies set", "cookies set sid=abc --domain h", "cookies set sid=*** --domain h"},
		// body and query items
		{"body field", "post /x password=hunter2", "post /x password=***"},
		{"query param", "get /x api_key==abc", "get /x api_key==***"},
		{"json field", `post /x token:='"x"'`, `post /x token:='***'`},
		{"client secret", "post /x client_secret=s client_id=c", "post /x client_secret=*** client_id=c"},
		{"params flag", "get /x --params api_key=abc --params q=1", "get /x --params api_key=*** --params q=1"},
		{"file upload kept", "post /x key@./key.pem", "post /x key@./key.pem"},
		{"json body", `post /x --json '{"user": "u", "password": "p", "pin": 12}'`, `post /x --json '{"user": "u", "password": "***", "pin": 12}'`},
		{"json body number", `post /x --json '{"token": 123}'`, `post /x --json '{"token": ***}'`},
		{"data form", "post /x --form --data 'user=u&password=p'", "post /x --form --data 'user=u&password=***'"},
		// variables
		{"var token", "var token abc", "var token ***"},
		{"var api_key", "var api_key abc", "var api_key ***"},
		{"var quoted", `var password "a b"`, `var password "***"`},
		{"var plain", "var name luke", "var name luke"},
		{"var reference kept", "get /x --bearer {{token}} Authorization:'Bearer {{tok}}'", "get /x --bearer {{token}} Authorization:'Bearer {{tok}}'"},
		// URLs
		{"userinfo", "get https://user:pw@host/", "get https://user:***@host/"},
		{"userinfo no password", "get https://user@host/", "get https://user@host/"},
		{"query in url", "get https://h/p?api_key=abc&x=1", "get https://h/p?api_key=***&x=1"},
		{"query in relative url", "get /p?x=1&access_token=abc#f", "get /p?x=1&access_token=***#f"},
		{"fragment", "get https://h/cb#access_token=abc&state=1", "get https://h/cb#access_token=***&state=1"},
		{"url not first", "prepare --name a GET 'https://u:p@h/?token=t'", "prepare --name a GET 'https://u:***@h/?token=***'"},
		{"request url", "request GET https://u:p@h/", "request GET https://u:***@h/"},
		{"base", "base https://u:p@h/", "base https://u:***@h/"},
		{"url escaped name", "get /p?api%5Fkey=abc", "get /p?api%5Fkey=***"},
		// multi-line
		{"continuation", "get /x \\\n  --auth user:pass", "get /x \\\n  --auth user:***"},
		{"heredoc", "post /post --json @- <<END\n{\"name\": \"luke\",\n \"password\": \"light\"}\nEND",
			"post /post --json @- <<END\n{\"name\": \"luke\",\n \"password\": \"***\"}\nEND"},
		{"after heredoc", "post /x --data @- <<EOF\ntoken=abc\nEOF\nget /x --bearer t",
			"post /x --data @- <<EOF\ntoken=***\nEOF\nget /x --bearer ***"},
		// left alone
		{"comment", "get /x # --bearer t", "get /x # --bearer t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Redact(tt.in)
			if got != tt.want {
				t.Errorf("Redact(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
			if again := Redact(got); again != got {
				t.Errorf("Redact not idempotent on %q: %q", got, again)
			}
		})
	}
}

// Lines with nothing secret come back byte for byte.
func TestRedactKeepsPlainLines(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"get https://httpbin.org/get",
		"get /get?date=2019-04-11&page=2",
		`post /post --json '{"name": "luke", "side": "light"}'`,
		`post /post name=luke  side=light n:=3 tags:='["a", "b"]'  "x y"='a "b"'`,
		"post /post --form name=luke file@./x.png",
		"get /x Accept:application/json 'User-Agent: httpsh/1' X-Request-Id:7",
		`get /x -H "Accept: text/html" --timeout 5s -v --show status,headers`,
		"set timeout 5s",
		"var name 'luke skywalker'",
		"cookies",
		"auth",
		`echo "it's \"quoted\"" 'and \ that'`,
		"get /x 'unterminated",
		"post /post --json @- <<END\n{\"name\": \"luke\"}\nEND",
		"get /x \\\n  a==1",
		"download https://h/file.iso --resume",
		"get :8080/x?q=1",
		"get httpbin.org/get date==now",
		"get /x 'héllo wörld' ☃:1",
	} {
		if got := Redact(in); got != in {
			t.Errorf("Redact(%q) = %q, want it unchanged", in, got)
		}
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"get /x --auth user:pass",
		"get https://u:p@h/?api_key=a#token=b",
		`post /x token:='"x"' 'Authorization: Basic abc' -H"Cookie: a=b"`,
		"auth basic u:p",
		"var secret 'a b'",
		"post /x --json @- <<END\n{\"password\": \"p\\\"q\", \"n\": 1}\nEND\nget /x",
		"get /x --cookie 'a=1; b' --data 'pass=1&x'",
		"get /x Authorization:Bearer \\\n tok",
		`get /x --auth u:a'b'"c"\d`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Redact(in)
		if again := Redact(out); again != out {
			t.Fatalf("not idempotent:\n in    %q\n once  %q\n twice %q", in, out, again)
		}
		if !strings.Contains(out, redacted) && out != in {
			t.Fatalf("changed a line without redacting:\n in  %q\n out %q", in, out)
		}
		if !mayHoldSecret(in) && out != in {
			t.Fatalf("changed a line with nothing secret-looking:\n in  %q\n out %q", in, out)
		}
	})
}

// mayHoldSecret reports whether s holds a word that can make Redact hide
// something: a secret-looking name, a credential flag or a userinfo "@",
// once quotes, backslashes and line breaks are removed (`Au"th":x`).
func mayHoldSecret(s string) bool {
	s = strings.ToLower(strings.NewReplacer("'", "", `"`, "", `\`, "", "\n", "").Replace(s))
	for _, w := range []string{"token", "key", "secret", "pass", "pwd", "auth", "session",
		"cookie", "credential", "signature", "bearer", "user", "-u", "-b", "@"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
