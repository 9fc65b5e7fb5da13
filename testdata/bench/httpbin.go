//go:build ignore

// httpbin.go is the loopback server of bench/run.sh: go-httpbin on
// 127.0.0.1, on a free port unless one is given. It prints its base URL
// and serves until killed.
//
//	go run testdata/bench/httpbin.go [ADDR]
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

func main() {
	addr := "127.0.0.1:0"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	if err := http.Serve(ln, httpbin.New()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
