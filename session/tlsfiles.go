package session

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// ErrClientCert is wrapped by every failure to load a client certificate
// or its key, and by a server's refusal for want of one.
var ErrClientCert = errors.New("client certificate problem")

// Passphrase asks for the passphrase of an encrypted private key file.
// Session.Passphrase is one; nil means encrypted keys are refused.
type Passphrase func(keyFile string) ([]byte, error)

// tlsConfig builds the client TLS configuration for o: the roots (system
// pool plus o.CA, or o.CA alone with CAOnly) and the client certificate.
// now tells an expired certificate.
func tlsConfig(o TLSOptions, insecure bool, ask Passphrase, now time.Time) (*tls.Config, error) {
	c := &tls.Config{InsecureSkipVerify: insecure, MinVersion: tls.VersionTLS12}
	if len(o.CA) > 0 || o.CAOnly {
		pool, err := caPool(o.CA, o.CAOnly)
		if err != nil {
			return nil, err
		}
		c.RootCAs = pool
	}
	cert := &tls.Certificate{} // none: an empty Certificate message
	if o.Cert != "" || o.Key != "" {
		loaded, err := loadClientCert(o.Cert, o.Key, ask, now)
		if err != nil {
			return nil, err
		}
		cert = &loaded
	}
	c.GetClientCertificate = func(cri *tls.CertificateRequestInfo) (*tls.Certificate, error) {
		noteCertRequest(cri.Context())
		return cert, nil
	}
	return c, nil
}

// caPool is the system pool (unless only) with the certificates of files.
func caPool(files []string, only bool) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if !only {
		sys, err := x509.SystemCertPool()
		if err == nil {
			pool = sys
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		if !pool.AppendCertsFromPEM(b) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate (-----BEGIN CERTIFICATE-----)", f)
		}
	}
	return pool, nil
}

// loadClientCert reads a PEM certificate chain and its key (from keyFile,
// or from certFile when keyFile is ""), decrypting a legacy encrypted PEM
// key with a passphrase from ask. A missing or mismatched key, a wrong
// passphrase and an expired certificate are each one clear error.
func loadClientCert(certFile, keyFile string, ask Passphrase, now time.Time) (tls.Certificate, error) {
	if certFile == "" {
		return tls.Certificate{}, fmt.Errorf("%w: a key (%s) without a certificate: give --cert FILE or `set cert FILE`", ErrClientCert, keyFile)
	}
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("%w: read certificate: %w", ErrClientCert, err)
	}
	keyPEM, from := certPEM, certFile
	if keyFile != "" {
		if keyPEM, err = os.ReadFile(keyFile); err != nil {
			return tls.Certificate{}, fmt.Errorf("%w: read key: %w", ErrClientCert, err)
		}
		from = keyFile
	}
	certDER, keyBlock, err := splitPEM(certPEM, keyPEM, certFile, from)
	if err != nil {
		return tls.Certificate{}, err
	}
	if keyBlock, err = decryptKey(keyBlock, from, ask); err != nil {
		return tls.Certificate{}, err
	}
	cert, err := tls.X509KeyPair(certDER, pem.EncodeToMemory(keyBlock))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("%w: %s and %s do not make a pair: %w", ErrClientCert, certFile, from, err)
	}
	leaf := cert.Leaf
	if leaf != nil && now.After(leaf.NotAfter) {
		return tls.Certificate{}, fmt.Errorf("%w: %s expired on %s", ErrClientCert, certFile, leaf.NotAfter.UTC().Format(time.DateOnly))
	}
	if leaf != nil && now.Before(leaf.NotBefore) {
		return tls.Certificate{}, fmt.Errorf("%w: %s is not valid before %s", ErrClientCert, certFile, leaf.NotBefore.UTC().Format(time.DateOnly))
	}
	return cert, nil
}

// splitPEM returns the certificate blocks of certPEM re-encoded, and the
// first private key block of keyPEM.
func splitPEM(certPEM, keyPEM []byte, certFile, keyFile string) ([]byte, *pem.Block, error) {
	var certs []byte
	for rest := certPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			certs = append(certs, pem.EncodeToMemory(b)...)
		}
	}
	if len(certs) == 0 {
		return nil, nil, fmt.Errorf("%w: %s holds no PEM certificate", ErrClientCert, certFile)
	}
	for rest := keyPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if strings.HasSuffix(b.Type, "PRIVATE KEY") {
			return certs, b, nil
		}
	}
	if keyFile == certFile {
		return nil, nil, fmt.Errorf("%w: %s has a certificate but no private key: give --key FILE or `set key FILE`", ErrClientCert, certFile)
	}
	return nil, nil, fmt.Errorf("%w: %s holds no PEM private key", ErrClientCert, keyFile)
}

// decryptKey undoes legacy PEM encryption (Proc-Type: 4,ENCRYPTED), the
// form `openssl rsa -aes256` and curl's --key with --pass use.
func decryptKey(b *pem.Block, file string, ask Passphrase) (*pem.Block, error) {
	if b.Type == "ENCRYPTED PRIVATE KEY" {
		return nil, fmt.Errorf("%w: %s is PKCS#8-encrypted, which is not supported: convert it with `openssl pkey -in %s -aes256 -traditional`", ErrClientCert, file, file)
	}
	//lint:ignore SA1019 legacy PEM encryption is what such key files use; it is only read here
	if !x509.IsEncryptedPEMBlock(b) {
		return b, nil
	}
	if ask == nil {
		return nil, fmt.Errorf("%w: %s is encrypted and no passphrase can be asked for here", ErrClientCert, file)
	}
	pass, err := ask(file)
	if err != nil {
		return nil, fmt.Errorf("%w: passphrase for %s: %w", ErrClientCert, file, err)
	}
	//lint:ignore SA1019 see above
	der, err := x509.DecryptPEMBlock(b, pass)
	clear(pass)
	if errors.Is(err, x509.IncorrectPasswordError) {
		return nil, fmt.Errorf("%w: wrong passphrase for %s", ErrClientCert, file)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: decrypt %s: %w", ErrClientCert, file, err)
	}
	return &pem.Block{Type: b.Type, Bytes: der}, nil
}
