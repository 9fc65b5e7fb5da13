package session

import (
	"net/url"
	"strings"
	"testing"
)

// TestProxyFor is the proxy choice without any network: settings first,
// then HTTP_PROXY/HTTPS_PROXY/NO_PROXY as Go reads them.
func TestProxyFor(t *testing.T) {
	tests := []struct {
		name            string
		env             map[string]string
		setting, option string
		target, want    string
	}{
		{"nothing", nil, "", "", "http://api.example.com/", ""},
		{"HTTP_PROXY", map[string]string{"HTTP_PROXY": "http://p:3128"}, "", "", "http://api.example.com/", "http://p:3128"},
		{"lower case", map[string]string{"http_proxy": "p:3128"}, "", "", "http://api.example.com/", "http://p:3128"},
		{"HTTP_PROXY not for https", map[string]string{"HTTP_PROXY": "http://p:3128"}, "", "", "https://api.example.com/", ""},
		{"HTTPS_PROXY", map[string]string{"HTTPS_PROXY": "http://s:3128"}, "", "", "https://api.example.com/", "http://s:3128"},
		{"NO_PROXY domain", map[string]string{"HTTP_PROXY": "http://p:3128", "NO_PROXY": "example.com"}, "", "", "http://api.example.com/", ""},
		{"NO_PROXY dot", map[string]string{"HTTP_PROXY": "http://p:3128", "NO_PROXY": ".example.com"}, "", "", "http://api.example.com/", ""},
		{"NO_PROXY other", map[string]string{"HTTP_PROXY": "http://p:3128", "NO_PROXY": "example.org"}, "", "", "http://api.example.com/", "http://p:3128"},
		{"NO_PROXY star", map[string]string{"HTTP_PROXY": "http://p:3128", "NO_PROXY": "*"}, "", "", "http://api.example.com/", ""},
		{"NO_PROXY CIDR", map[string]string{"HTTP_PROXY": "http://p:3128", "NO_PROXY": "10.0.0.0/8"}, "", "", "http://10.1.2.3/", ""},
		{"loopback never from env", map[string]string{"HTTP_PROXY": "http://p:3128"}, "", "", "http://127.0.0.1:8080/", ""},
		{"localhost never from env", map[string]string{"HTTP_PROXY": "http://p:3128"}, "", "", "http://localhost:8080/", ""},
		{"setting beats env", map[string]string{"HTTP_PROXY": "http://p:3128"}, "http://q:1", "", "http://api.example.com/", "http://q:1"},
		{"setting for loopback", nil, "http://q:1", "", "http://127.0.0.1:8080/", "http://q:1"},
		{"setting none", map[string]string{"HTTP_PROXY": "http://p:3128"}, "none", "", "http://api.example.com/", ""},
		{"option beats setting", nil, "http://q:1", "http://o:2", "http://api.example.com/", "http://o:2"},
		{"option none", nil, "http://q:1", "none", "http://api.example.com/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New("t")
			s.Getenv = func(k string) string { return tt.env[k] }
			s.Settings.Proxy = tt.setting
			target, _ := url.Parse(tt.target)
			got, err := s.proxyFor(&Prepared{Options: Options{Proxy: tt.option}}, target)
			if err != nil {
				t.Fatal(err)
			}
			gs := ""
			if got != nil {
				gs = got.String()
			}
			if gs != tt.want {
				t.Errorf("proxy = %q, want %q", gs, tt.want)
			}
		})
	}
}

func TestParseProxy(t *testing.T) {
	for in, want := range map[string]string{
		"http://u:pw@p:3128": "",
		"p:3128":             "",
		"socks5://p:1080":    "",
		"none":               "",
		"ftp://p":            "use http://",
		"http://":            "bad proxy",
		"http://u:pw@":       `bad proxy "http://u:***@"`,
	} {
		_, err := ParseProxy(in)
		switch {
		case want == "" && err != nil:
			t.Errorf("ParseProxy(%q): %v", in, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("ParseProxy(%q) = %v, want %q", in, err, want)
		}
	}
}
