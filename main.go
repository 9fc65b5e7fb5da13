// Command httpsh is an interactive shell for HTTP sessions.
package main

func main() {}
