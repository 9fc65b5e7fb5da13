#!/usr/bin/env python3
"""A small server for README's "Credentials and TLS" examples.

  https://127.0.0.1:8443/whoami  TLS with server.pem; says which client
                                 certificate it got (client.pem's CA: ca.pem)
  http://127.0.0.1:8080/token    OAuth2 client credentials (app / sesame),
                                 tokens valid 60 s
  http://127.0.0.1:8080/api      wants a current bearer token
  http://127.0.0.1:8080/latin1   text in ISO-8859-1

Run it in the folder holding ca.pem, server.pem and server.key.
"""
import base64, json, ssl, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKENS = {}


class Handler(BaseHTTPRequestHandler):
    def reply(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/whoami":
            cert = self.connection.getpeercert()
            who = dict(x[0] for x in cert["subject"])["commonName"] if cert else "anonymous"
            return self.reply(200, "text/plain", f"hello {who}\n".encode())
        if self.path == "/latin1":
            return self.reply(200, "text/plain; charset=iso-8859-1", "café crème, naïve façade\n".encode("latin-1"))
        if self.path == "/api":
            tok = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if TOKENS.get(tok, 0) < time.time():
                return self.reply(401, "text/plain", b"token needed\n")
            return self.reply(200, "application/json", b'{"data": [1, 2, 3]}')
        self.reply(404, "text/plain", b"not found\n")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        creds = base64.b64decode(self.headers.get("Authorization", "Basic ")[6:] or b"").decode()
        if self.path != "/token" or creds != "app:sesame":
            return self.reply(401, "application/json", b'{"error": "invalid_client"}')
        tok = f"tok{len(TOKENS) + 1}"
        TOKENS[tok] = time.time() + 60
        body = json.dumps({"access_token": tok, "token_type": "Bearer", "expires_in": 60})
        self.reply(200, "application/json", body.encode())

    def log_message(self, *args):
        pass


tls = ThreadingHTTPServer(("127.0.0.1", 8443), Handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain("server.pem", "server.key")
ctx.load_verify_locations("ca.pem")
ctx.verify_mode = ssl.CERT_OPTIONAL
tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
threading.Thread(target=tls.serve_forever, daemon=True).start()
ThreadingHTTPServer(("127.0.0.1", 8080), Handler).serve_forever()
