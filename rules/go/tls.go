package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func InsecureClient() *http.Client {
	// ruleid: go-tls-insecure-skip-verify
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &http.Client{Transport: tr}
}

func Relax(cfg *tls.Config) {
	// ruleid: go-tls-insecure-skip-verify
	cfg.InsecureSkipVerify = true
}

func SecureClient(caPEM []byte) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	// ok: go-tls-insecure-skip-verify
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	return &http.Client{Transport: tr}
}

func Strict(cfg *tls.Config) {
	// ok: go-tls-insecure-skip-verify
	cfg.InsecureSkipVerify = false
}
